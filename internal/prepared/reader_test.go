package prepared_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/prepared"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
)

// A Reader reads the database as it was when it began reading, whatever is committed beside
// it, and prepares each text once. Control: the app's own queries, in the same place, see the
// row committed meanwhile.
func TestReaderReadsItsSnapshot(t *testing.T) {
	app := testapp.New(t, server.Config{})
	exec(t, app, "CREATE TABLE readerTest (x INTEGER)")
	exec(t, app, "INSERT INTO readerTest VALUES (1)")
	const countSQL = "SELECT count(*) FROM readerTest"
	var before, after, outside int
	err := prepared.Read(app, func(r *prepared.Reader) error {
		if r.Query(countSQL) != r.Query(countSQL) {
			t.Error("the same text was prepared twice")
		}
		before = count(t, r, countSQL)
		exec(t, app, "INSERT INTO readerTest VALUES (2)")
		after, outside = count(t, r, countSQL), count(t, prepared.In(app), countSQL)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if before != 1 || after != 1 {
		t.Errorf("the reader counted %d then %d rows, want 1 and 1 (its snapshot)", before, after)
	}
	if outside != 2 {
		t.Errorf("control: the app counted %d rows beside the reader, want 2", outside)
	}
}

func exec(t *testing.T, app core.App, sql string) {
	t.Helper()
	if _, err := app.DB().NewQuery(sql).Execute(); err != nil {
		t.Fatal(err)
	}
}

func count(t *testing.T, q prepared.Querier, sql string) int {
	t.Helper()
	var n int
	if err := q.Query(sql).Row(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
