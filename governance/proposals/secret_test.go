package proposals_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// dumpRow is one row of a dump: its database, table, rowid (-1 if none) and cells.
type dumpRow struct {
	db, table string
	rowid     int64
	cells     map[string]string
}

// dump reads every row of every table of the main and auxiliary databases.
func dump(t *testing.T, app core.App) []dumpRow {
	t.Helper()
	var out []dumpRow
	for name, db := range map[string]dbx.Builder{"data": app.DB(), "auxiliary": app.AuxDB()} {
		var tables []string
		if err := db.NewQuery("SELECT name FROM sqlite_master WHERE type = 'table'").Column(&tables); err != nil {
			t.Fatal(err)
		}
		for _, table := range tables {
			out = append(out, dumpTable(t, db, name, table)...)
		}
	}
	return out
}

func dumpTable(t *testing.T, db dbx.Builder, name, table string) []dumpRow {
	t.Helper()
	rows, err := db.NewQuery(fmt.Sprintf(`SELECT rowid AS "_rowid_dump", * FROM "%s"`, table)).Rows()
	if err != nil {
		rows, err = db.NewQuery(fmt.Sprintf(`SELECT -1 AS "_rowid_dump", * FROM "%s"`, table)).Rows()
	}
	if err != nil {
		t.Fatalf("dump %s: %v", table, err)
	}
	defer rows.Close()
	var out []dumpRow
	for rows.Next() {
		m := dbx.NullStringMap{}
		if err := rows.ScanMap(m); err != nil {
			t.Fatalf("dump %s: %v", table, err)
		}
		r := dumpRow{db: name, table: table, cells: map[string]string{}}
		fmt.Sscan(m["_rowid_dump"].String, &r.rowid)
		delete(m, "_rowid_dump")
		for k, v := range m {
			r.cells[k] = v.String
		}
		out = append(out, r)
	}
	return out
}

// linkage lists what in a dump could link a ballot to its voter: a ballot row holding a
// voter's id or a time, a row elsewhere naming a ballot, or ballots and roll rows whose rowids
// follow one another (SQLite's max+1: the order of casting).
func linkage(rows []dumpRow, ballots, voters []string) []string {
	var found []string
	rowids := map[string][]int64{}
	for _, r := range rows {
		if r.table == s.Votes || r.table == s.VoteRoll {
			rowids[r.table] = append(rowids[r.table], r.rowid)
		}
		for col, v := range r.cells {
			if r.table == s.Votes && (slices.ContainsFunc(voters, func(id string) bool { return strings.Contains(v, id) }) || looksLikeTime(v)) {
				found = append(found, fmt.Sprintf("ballot %s.%s = %q", r.cells["id"], col, v))
			}
			if r.table != s.Votes && slices.ContainsFunc(ballots, func(id string) bool { return strings.Contains(v, id) }) {
				found = append(found, fmt.Sprintf("%s/%s.%s names a ballot: %q", r.db, r.table, col, v))
			}
		}
	}
	for table, ids := range rowids {
		if followOn(ids) {
			found = append(found, fmt.Sprintf("%s rowids follow the order of insertion: %v", table, ids))
		}
	}
	return found
}

// followOn tells whether two rowids are consecutive, or any is small (a counter's value).
func followOn(ids []int64) bool {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	for i, id := range sorted {
		if id < 1<<32 || (i > 0 && id == sorted[i-1]+1) {
			return true
		}
	}
	return false
}

func looksLikeTime(v string) bool {
	for _, layout := range []string{"2006-01-02 15:04:05.000Z", time.RFC3339, "2006-01-02 15:04:05", "2006-01-02"} {
		if len(v) >= 10 {
			if _, err := time.Parse(layout, v); err == nil {
				return true
			}
		}
	}
	return false
}

// TestSecretBallotUnlinkableInADump: after eight secret ballots (two changed by receipt) a dump
// of every table of both databases has no ballot row naming a voter or a time, no other row
// naming a ballot, and no rowid order. Controls: an open ballot, and a ballot saved past the
// route (SQLite's next rowid), are caught by the same check.
func TestSecretBallotUnlinkableInADump(t *testing.T) {
	w := newWorld(t)
	p := w.proposal(t, s.PhaseVote, s.MethodApproval, map[string]any{s.FieldProposalSecret: true})
	var ballots, voters []string
	for i := range 8 {
		u := w.srv.NewUser(t, fmt.Sprintf("voter%d@example.org", i), s.RoleResident)
		out := mustVote(t, u, p, approve("a"))
		receipt := out["receipt"].(map[string]any)
		ballots, voters = append(ballots, receipt["id"].(string)), append(voters, u.ID())
		if i%4 == 0 {
			body := approve("b")
			body["receipt"] = receipt
			mustVote(t, u, p, body)
		}
	}
	rows := dump(t, w.srv.App)
	if n, m := countRows(rows, s.Votes), countRows(rows, s.VoteRoll); n != 8 || m != 8 {
		t.Fatalf("the dump holds %d ballots and %d roll rows, want 8 and 8", n, m)
	}
	if found := linkage(rows, ballots, voters); len(found) > 0 {
		t.Errorf("a dump links secret ballots to voters:\n%s", strings.Join(found, "\n"))
	}
	if cols := columns(t, w, s.Votes); slices.Contains(cols, "created") || slices.Contains(cols, "updated") {
		t.Errorf("ballots have timestamps: %v", cols)
	}

	t.Run("control: an open ballot is caught", func(t *testing.T) {
		open := w.proposal(t, s.PhaseVote, s.MethodApproval, nil)
		mustVote(t, w.resident, open, approve("a"))
		if found := linkage(dump(t, w.srv.App), ballots, append(voters, w.resident.ID())); len(found) == 0 {
			t.Error("the check missed an open ballot's voter")
		}
	})
	t.Run("control: a ballot saved without a random rowid is caught", func(t *testing.T) {
		saveRawBallot(t, w, p)
		if found := linkage(dump(t, w.srv.App), ballots, voters); !slices.ContainsFunc(found, func(f string) bool { return strings.Contains(f, "rowids") }) {
			t.Errorf("the check missed rowids in insertion order: %v", found)
		}
	})
}

// saveRawBallot saves a ballot through the app without the route's random rowid.
func saveRawBallot(t *testing.T, w *world, p *core.Record) {
	t.Helper()
	c, _ := w.srv.App.FindCollectionByNameOrId(s.Votes)
	b := core.NewRecord(c)
	b.Load(map[string]any{s.FieldBallotProposal: p.Id, s.FieldBallotChoices: map[string]any{"approve": []string{}}})
	if err := w.srv.App.Save(b); err != nil {
		t.Fatal(err)
	}
}

func columns(t *testing.T, w *world, table string) []string {
	t.Helper()
	var cols []string
	if err := w.srv.App.DB().NewQuery("SELECT name FROM pragma_table_info({:t})").Bind(dbx.Params{"t": table}).Column(&cols); err != nil {
		t.Fatal(err)
	}
	return cols
}

func countRows(rows []dumpRow, table string) int {
	n := 0
	for _, r := range rows {
		if r.table == table {
			n++
		}
	}
	return n
}
