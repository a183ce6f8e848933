package sqlitemem_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/sqlitemem"
)

// childLimitVar makes this test binary a child that limits SQLite to its value in MiB, reads a
// database through several connections and writes SQLite's memory status (TestLimitChild). A limit
// applies to a whole process and only before its first database opens: each case is a fresh
// process.
const childLimitVar = "SQLITEMEM_CHILD_LIMIT_MB"

// Four connections with 16 MB page caches each read a table of about 20 MB: unlimited, SQLite
// holds far more than the 8 MiB limit; limited, about the limit.
func TestLimitHeapKeepsSQLiteNearTheLimit(t *testing.T) {
	const limit = 8 << 20
	limited := runChild(t, 8)
	if limited.MemoryUsed == 0 || limited.MemoryUsed > limit*5/4 {
		t.Errorf("limited to 8 MiB, SQLite held %.1f MiB", mib(limited.MemoryUsed))
	}
	// Control: without the limit the same reading holds several times more, so a limit that
	// did nothing would fail the check above.
	unlimited := runChild(t, 0)
	if unlimited.MemoryUsed < 3*limit {
		t.Errorf("control: unlimited, SQLite held %.1f MiB; the reading should need over 24 MiB", mib(unlimited.MemoryUsed))
	}
	t.Logf("SQLite held %.1f MiB limited to 8, %.1f unlimited", mib(limited.MemoryUsed), mib(unlimited.MemoryUsed))
}

func TestLimitHeapRefusedOnceSQLiteIsInUse(t *testing.T) {
	db := openFile(t, filepath.Join(t.TempDir(), "late.db"), 2000)
	if _, err := db.Exec("CREATE TABLE t (x)"); err != nil {
		t.Fatal(err)
	}
	if err := sqlitemem.LimitHeap(8 << 20); !errors.Is(err, sqlitemem.ErrTooLate) {
		t.Errorf("LimitHeap after a database opened: %v, want ErrTooLate", err)
	}
}

// TestLimitChild is the child's work; it runs only under childLimitVar.
func TestLimitChild(t *testing.T) {
	raw := os.Getenv(childLimitVar)
	if raw == "" {
		t.Skip("runs as a child of TestLimitHeapKeepsSQLiteNearTheLimit")
	}
	mb, _ := strconv.Atoi(raw)
	if err := sqlitemem.LimitHeap(int64(mb) << 20); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "data.db")
	fill(t, openFile(t, path, 16000), 10000)
	readThroughConnections(t, openFile(t, path, 16000), 4)
	out, _ := json.Marshal(sqlitemem.ReadStatus())
	fmt.Printf("\nstatus %s\n", out)
}

// runChild runs TestLimitChild with a limit of mb MiB and returns the status it wrote.
func runChild(t *testing.T, mb int) sqlitemem.Status {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run", "^TestLimitChild$", "-test.v")
	cmd.Env = append(os.Environ(), childLimitVar+"="+strconv.Itoa(mb))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child with %d MiB: %v\n%s", mb, err, out)
	}
	_, line, ok := bytes.Cut(out, []byte("\nstatus "))
	var st sqlitemem.Status
	if !ok || json.Unmarshal(bytes.SplitN(line, []byte("\n"), 2)[0], &st) != nil {
		t.Fatalf("child with %d MiB wrote no status:\n%s", mb, out)
	}
	return st
}

// openFile opens the database at path with a page cache of cacheKiB per connection.
func openFile(t *testing.T, path string, cacheKiB int) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?_pragma=journal_mode(WAL)&_pragma=cache_size(-"+strconv.Itoa(cacheKiB)+")")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// fill writes n rows of 2 KB.
func fill(t *testing.T, db *sql.DB, n int) {
	t.Helper()
	body := strings.Repeat("x", 2000)
	tx, err := db.Begin()
	if err == nil {
		_, err = tx.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
	}
	for i := 0; err == nil && i < n; i++ {
		_, err = tx.Exec("INSERT INTO t (body) VALUES (?)", body)
	}
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		t.Fatal(err)
	}
}

// readThroughConnections reads every row through n connections held open at once.
func readThroughConnections(t *testing.T, db *sql.DB, n int) {
	t.Helper()
	ctx := context.Background()
	for range n {
		conn, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		var total int
		if err := conn.QueryRowContext(ctx, "SELECT sum(length(body)) FROM t").Scan(&total); err != nil || total == 0 {
			t.Fatalf("read: %d, %v", total, err)
		}
	}
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }
