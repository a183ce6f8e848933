package sqlitemem_test

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/maillage/maillage/internal/sqlitemem"
)

// BenchmarkReserve measures what the reserved pages save: 10,000 inserts, 250 per transaction,
// into a table whose trigger writes a second table (as the sync's change log does), with the
// connection settings PocketBase uses, before and after Reserve in one process (a warm-up round
// first, so that both measured rounds find the database and its caches alike).
//
//	go test -run '^$' -bench Reserve -benchtime 1x ./internal/sqlitemem/
func BenchmarkReserve(b *testing.B) {
	db := openDB(b)
	insertMany(b, db, "warm", 2000)
	start := cpuTime(b)
	insertMany(b, db, "before", 10000)
	before := cpuTime(b) - start
	sqlitemem.Reserve()
	start = cpuTime(b)
	insertMany(b, db, "after", 10000)
	after := cpuTime(b) - start
	b.ReportMetric(before.Seconds(), "cpu-s-before")
	b.ReportMetric(after.Seconds(), "cpu-s-reserved")
	b.ReportMetric(before.Seconds()/after.Seconds(), "speedup")
}

func openDB(b *testing.B) *sql.DB {
	path := filepath.Join(b.TempDir(), "data.db")
	db, err := sql.Open("sqlite", path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=temp_store(MEMORY)&_pragma=cache_size(-32000)")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = db.Close() })
	for _, q := range []string{
		`CREATE TABLE t (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '')`,
		`CREATE INDEX t_name ON t (name)`,
		`CREATE TABLE log (seq INTEGER PRIMARY KEY AUTOINCREMENT, rid TEXT NOT NULL)`,
		`CREATE UNIQUE INDEX log_rid ON log (rid)`,
		`CREATE TRIGGER t_log AFTER INSERT ON t BEGIN DELETE FROM log WHERE rid = NEW.id; INSERT INTO log (rid) VALUES (NEW.id); END`,
	} {
		if _, err := db.Exec(q); err != nil {
			b.Fatal(err)
		}
	}
	return db
}

func insertMany(b *testing.B, db *sql.DB, prefix string, n int) {
	for start := 0; start < n; start += 250 {
		tx, err := db.Begin()
		if err != nil {
			b.Fatal(err)
		}
		for i := start; i < start+250; i++ {
			if _, err := tx.Exec(`INSERT INTO t (id, name, body) VALUES (?, ?, ?)`,
				fmt.Sprintf("%s-%d", prefix, i), fmt.Sprintf("Lieu %d", i), "Un lieu du territoire."); err != nil {
				b.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}

// cpuTime is the processor time the process has used, which other processes' load on a
// shared machine does not inflate as it does the elapsed time.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
