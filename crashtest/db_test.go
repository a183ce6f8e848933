package crashtest

import (
	"database/sql"
	"os"
	"strconv"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the driver PocketBase uses
)

// signalWithin bounds every wait on a signal: a limit so that a broken server fails the test
// instead of hanging it, not an expected duration.
const signalWithin = 2 * time.Minute

// readOnly opens the database read-only, as an observer beside the server: it never takes
// the write lock, so it cannot change what the server does.
func readOnly(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

// count runs a COUNT-like query answering one integer.
func count(t *testing.T, db *sql.DB, query string, args ...any) int64 {
	t.Helper()
	var n sql.NullInt64
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n.Int64
}

// waitFor polls cond (every millisecond) until it holds; it fails the test after signalWithin.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(signalWithin)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("no %s within %v", what, signalWithin)
		}
		<-tick.C
	}
}

// integrity runs PRAGMA integrity_check and fails unless SQLite answers ok.
func integrity(t *testing.T, path string) {
	t.Helper()
	var res string
	if err := readOnly(t, path).QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity_check of %s: %q %v", path, res, err)
	}
}

// iterations is how many kills each test makes: 1 by default (CI), CRASHTEST_ITERATIONS for
// a longer run.
func iterations(t *testing.T) int {
	t.Helper()
	v := os.Getenv("CRASHTEST_ITERATIONS")
	if v == "" {
		return 1
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		t.Fatalf("CRASHTEST_ITERATIONS=%q: want a positive integer", v)
	}
	return n
}

// waitSignal waits for one value on ch; it fails the test after signalWithin.
func waitSignal(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(signalWithin):
		t.Fatalf("no %s within %v", what, signalWithin)
	}
}
