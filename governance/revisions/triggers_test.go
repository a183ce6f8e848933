package revisions_test

import (
	"fmt"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/governance/revisions"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

// edgeValues are what a column may hold, written in raw SQL: NULL, JSON null as text, invalid
// JSON, numbers written unusually, quotes, accents and line breaks. A value a column refuses
// (NOT NULL) is skipped.
var edgeValues = []any{nil, "null", "", "not json", `{"lon":2.35,"lat":48.9}`, "[]", `["a","b"]`,
	"1.50", "é \"quoted\"\nline", 0, 1, "true"}

// A create's and a delete's revision list one side's values instead of comparing two JSON
// objects key by key: on rows holding every kind of value in every revised collection, both
// expressions give the same text. Control: the one-sided expression with before and after
// swapped differs, so the comparison would catch a wrong one.
func TestOneSidedChangesAreTheGeneralOnes(t *testing.T) {
	app := testapp.New(t, server.Config{})
	for _, name := range s.Revised {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil || c.IsView() {
			continue
		}
		seedEdgeRows(t, app, c)
		created := revisions.OneSideChanges(c, "NEW", "after")
		deleted := revisions.OneSideChanges(c, "OLD", "before")
		if n, first := differing(t, app, c, "NEW", revisions.BothSidesChanges(c, "", "NEW"), created); n != 0 {
			t.Errorf("%s: %d rows whose create changes differ, first:\n%s", name, n, first)
		}
		if n, first := differing(t, app, c, "OLD", revisions.BothSidesChanges(c, "OLD", ""), deleted); n != 0 {
			t.Errorf("%s: %d rows whose delete changes differ, first:\n%s", name, n, first)
		}
		swapped := revisions.OneSideChanges(c, "NEW", "before")
		if n, _ := differing(t, app, c, "NEW", revisions.BothSidesChanges(c, "", "NEW"), swapped); n == 0 {
			t.Errorf("control: %s: before and after swapped and no row differs", name)
		}
	}
}

// seedEdgeRows inserts rows of c whose fields take the edge values in turn.
func seedEdgeRows(t *testing.T, app core.App, c *core.Collection) {
	t.Helper()
	for k := range len(edgeValues) {
		id := fmt.Sprintf("edge%011d", k)
		if _, err := app.DB().NewQuery("INSERT INTO {{" + c.Name + "}} (id) VALUES ({:id})").Bind(dbx.Params{"id": id}).Execute(); err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		for i, f := range c.Fields {
			if f.GetName() == core.FieldNameId {
				continue
			}
			v := edgeValues[(k+i)%len(edgeValues)]
			_, _ = app.DB().NewQuery("UPDATE OR IGNORE {{" + c.Name + "}} SET [[" + f.GetName() + "]] = {:v} WHERE id = {:id}").
				Bind(dbx.Params{"v": v, "id": id}).Execute()
		}
	}
}

// differing counts the rows of c, read as ref, on which the two expressions give different
// text, and shows the first.
func differing(t *testing.T, app core.App, c *core.Collection, ref, a, b string) (int, string) {
	t.Helper()
	var rows []struct {
		A string `db:"a"`
		B string `db:"b"`
	}
	err := app.DB().NewQuery("SELECT " + a + " AS a, " + b + " AS b FROM {{" + c.Name + "}} AS " + ref).All(&rows)
	if err != nil {
		t.Fatalf("%s: %v", c.Name, err)
	}
	if len(rows) < len(edgeValues) {
		t.Fatalf("%s: %d rows, want at least %d", c.Name, len(rows), len(edgeValues))
	}
	n, first := 0, ""
	for _, r := range rows {
		if r.A != r.B {
			if n++; n == 1 {
				first = " general:  " + r.A + "\n one side: " + r.B
			}
		}
	}
	return n, first
}
