package dbconnect

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/pocketbase/dbx"
)

// openTest opens a data database in a temporary dir with one connection, so that every statement
// runs on the connection whose kept statements the test reads.
func openTest(t *testing.T) *dbx.DB {
	t.Helper()
	db, err := Connect(filepath.Join(t.TempDir(), "data.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.DB().SetMaxOpenConns(1)
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// mustExec runs sql with params, failing the test on an error.
func mustExec(t *testing.T, db *dbx.DB, sql string, params dbx.Params) {
	t.Helper()
	if _, err := db.NewQuery(sql).Bind(params).Execute(); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// count is the number of rows of table.
func count(t *testing.T, db *dbx.DB, table string) int {
	t.Helper()
	var n int
	if err := db.NewQuery("SELECT count(*) FROM " + table).Row(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// keptCount is how many statements the database's connection keeps prepared.
func keptCount(t *testing.T, db *dbx.DB) int {
	t.Helper()
	c, err := db.DB().Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	n := -1
	err = c.Raw(func(dc any) error { n = dc.(*conn).recent.Len(); return nil })
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestPragmasArePocketBasesButDataIsFull(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name    string
		connect func(string) (*dbx.DB, error)
		sync    int
	}{{"data.db", Connect, 2}, {"auxiliary.db", Connect, 1}, {"data.db", ConnectNormal, 1}} {
		db, err := c.connect(filepath.Join(dir, c.name))
		if err != nil {
			t.Fatal(err)
		}
		var mode string
		var fk, sync int
		if err := db.NewQuery("PRAGMA journal_mode").Row(&mode); err != nil || mode != "wal" {
			t.Fatalf("%s: journal_mode %q, %v", c.name, mode, err)
		}
		_ = db.NewQuery("PRAGMA foreign_keys").Row(&fk)
		_ = db.NewQuery("PRAGMA synchronous").Row(&sync)
		if fk != 1 || sync != c.sync {
			t.Errorf("%s: foreign_keys %d, synchronous %d: want 1 (on), %d", c.name, fk, sync, c.sync)
		}
		_ = db.Close()
	}
}

func TestARepeatedExecutionIsPreparedOnce(t *testing.T) {
	db := openTest(t)
	mustExec(t, db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)", nil)
	for i := range 100 {
		mustExec(t, db, "INSERT INTO t (v) VALUES ({:v})", dbx.Params{"v": i})
	}
	if n := count(t, db, "t"); n != 100 {
		t.Fatalf("%d rows, want 100", n)
	}
	if n := keptCount(t, db); n != 3 {
		t.Fatalf("%d statements kept, want 3 (the CREATE, the INSERT and the count)", n)
	}
}

func TestTheLeastRecentlyUsedAreFinalized(t *testing.T) {
	db := openTest(t)
	mustExec(t, db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)", nil)
	for i := range capacity + 10 {
		mustExec(t, db, fmt.Sprintf("INSERT INTO t (v) VALUES (%d)", i), nil)
	}
	if n := keptCount(t, db); n != capacity {
		t.Fatalf("%d statements kept, want %d", n, capacity)
	}
	mustExec(t, db, "INSERT INTO t (v) VALUES (0)", nil) // finalized, prepared again
	if n := count(t, db, "t"); n != capacity+11 {
		t.Fatalf("%d rows, want %d", n, capacity+11)
	}
}

func TestAKeptStatementFollowsSchemaChanges(t *testing.T) {
	db := openTest(t)
	const insert = "INSERT INTO t (v) VALUES ({:v})"
	mustExec(t, db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)", nil)
	mustExec(t, db, insert, dbx.Params{"v": "a"})
	mustExec(t, db, "ALTER TABLE t ADD COLUMN w TEXT DEFAULT 'w'", nil)
	mustExec(t, db, insert, dbx.Params{"v": "b"})
	mustExec(t, db, "DROP TABLE t", nil)
	mustExec(t, db, "CREATE TABLE t (v TEXT NOT NULL, x INTEGER DEFAULT 7)", nil)
	mustExec(t, db, insert, dbx.Params{"v": "c"})
	var x int
	if err := db.NewQuery("SELECT x FROM t WHERE v = 'c'").Row(&x); err != nil || x != 7 {
		t.Fatalf("the insert ran on the new table: x = %d, %v", x, err)
	}
	mustExec(t, db, "DROP TABLE t", nil)
	if _, err := db.NewQuery(insert).Bind(dbx.Params{"v": "d"}).Execute(); err == nil {
		t.Fatal("an insert into a dropped table succeeded")
	}
}

func TestAFailedExecutionLeavesTheStatementUsable(t *testing.T) {
	db := openTest(t)
	const insert = "INSERT INTO t (v) VALUES ({:v})"
	mustExec(t, db, "CREATE TABLE t (v TEXT UNIQUE)", nil)
	mustExec(t, db, insert, dbx.Params{"v": "a"})
	if _, err := db.NewQuery(insert).Bind(dbx.Params{"v": "a"}).Execute(); err == nil {
		t.Fatal("a duplicate was accepted")
	}
	err := db.Transactional(func(tx *dbx.Tx) error {
		if _, err := tx.NewQuery(insert).Bind(dbx.Params{"v": "b"}).Execute(); err != nil {
			return err
		}
		return fmt.Errorf("rolled back")
	})
	if err == nil || count(t, db, "t") != 1 {
		t.Fatalf("the rolled back insert stayed: %d rows, %v", count(t, db, "t"), err)
	}
	mustExec(t, db, insert, dbx.Params{"v": "b"})
	if n := count(t, db, "t"); n != 2 {
		t.Fatalf("%d rows, want 2", n)
	}
}
