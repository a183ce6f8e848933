package migrations_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

// A REST list newest first (PocketBase's SELECT DISTINCT over the list rule's joins, ORDER BY
// created DESC LIMIT) walks the created index of each collection listed that way instead of
// sorting every row. (Whether the page's count reads the index of the rule's columns instead
// of the table is SQLite's choice from its statistics: it does with 100,000 records,
// BENCHMARKS.md "Load, session 10", not with a test's few.) Control: without the index, the plan sorts in a temporary B-tree, which
// the check sees.
func TestNewestFirstListsWalkAnIndex(t *testing.T) {
	app := testapp.New(t, server.Config{})
	for _, name := range []string{s.Initiatives, s.Events, s.Offers, s.Organisations} {
		if plan := listPlan(t, app, name, ""); !strings.Contains(plan, "idx_"+name+"_created") || strings.Contains(plan, "FOR ORDER BY") {
			t.Errorf("%s newest first:\n%s", name, plan)
		}
	}
	if _, err := app.NonconcurrentDB().NewQuery("DROP INDEX idx_events_created").Execute(); err != nil {
		t.Fatal(err)
	}
	if plan := listPlan(t, app, s.Events, " "); !strings.Contains(plan, "FOR ORDER BY") {
		t.Errorf("control: events without the index are listed newest first without sorting:\n%s", plan)
	}
}

// listPlan is SQLite's plan of a page of name newest first, as PocketBase's list queries it
// for a signed-in reader (the join the rules make to the reader). A query plan is kept with its
// prepared statement, which no schema change re-prepares: a different suffix makes another.
func listPlan(t *testing.T, app core.App, name, suffix string) string {
	t.Helper()
	return plan(t, app, "SELECT DISTINCT [["+name+"]].* FROM [["+name+"]] "+
		"LEFT JOIN [[users]] [[__auth_users]] ON [[__auth_users.id]] = 'u' ORDER BY [["+name+".created]] DESC LIMIT 30"+suffix)
}

// plan is SQLite's query plan of query, one step a line.
func plan(t *testing.T, app core.App, query string) string {
	t.Helper()
	var rows []struct {
		Detail string `db:"detail"`
	}
	if err := app.DB().NewQuery("EXPLAIN QUERY PLAN " + query).All(&rows); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		out = append(out, r.Detail)
	}
	return strings.Join(out, "\n")
}
