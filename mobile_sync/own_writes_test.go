package mobilesync

import (
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"
)

func TestChangedByOthers(t *testing.T) {
	cases := []struct {
		name          string
		base, current int64
		own           []revSpan
		want          bool
	}{
		{"untouched", 5, 5, nil, false},
		{"someone else wrote", 5, 7, nil, true},
		{"created then deleted offline", 0, 9, []revSpan{{0, 9}}, false},
		{"edited then deleted offline", 5, 9, []revSpan{{5, 9}}, false},
		{"two own edits", 5, 12, []revSpan{{5, 9}, {9, 12}}, false},
		{"someone wrote before the own edit", 5, 9, []revSpan{{7, 9}}, true},
		{"someone wrote after the own edit", 5, 11, []revSpan{{5, 9}}, true},
		{"someone wrote between own edits", 5, 12, []revSpan{{5, 9}, {10, 12}}, true},
		{"own edits before the base are seen", 9, 9, []revSpan{{0, 3}, {3, 9}}, false},
		{"own no-op on a changed record", 5, 7, []revSpan{{7, 7}}, true},
		{"rejected own mutation", 5, 5, []revSpan{{5, 0}}, false},
	}
	for _, c := range cases {
		if got := changedByOthers(c.base, c.current, c.own); got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

// TestOwnSpansUseTheIndex: the lookup of a client's writes of one record must not scan the
// client's whole history (it runs for updates and deletes of records changed since their base).
func TestOwnSpansUseTheIndex(t *testing.T) {
	app, err := tests.NewTestApp()
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	if err := ensureClientTables(app); err != nil {
		t.Fatal(err)
	}
	if _, err := ownSpans(app, "abcdefghijklmno", "initiatives", "abcdefghijklmn1"); err != nil {
		t.Fatal(err)
	}
	var plan []struct {
		Detail string `db:"detail"`
	}
	err = app.DB().NewQuery("EXPLAIN QUERY PLAN " + ownSpansSQL).
		Bind(dbx.Params{"client": "a", "c": "b", "id": "c"}).All(&plan)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan) == 0 || !strings.Contains(plan[0].Detail, tableMutations+"_record") {
		t.Errorf("query plan %+v, want a search using %s_record", plan, tableMutations)
	}
}
