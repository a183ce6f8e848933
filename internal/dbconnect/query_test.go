package dbconnect

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
)

// seeded opens a test database with table t holding the values 1..n, and one connection of it.
func seeded(t *testing.T, n int) *sql.Conn {
	t.Helper()
	db := openTest(t)
	mustExec(t, db, "CREATE TABLE t (v INTEGER)", nil)
	for i := 1; i <= n; i++ {
		mustExec(t, db, fmt.Sprintf("INSERT INTO t (v) VALUES (%d)", i), nil)
	}
	c, err := db.DB().Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// sumRows reads every remaining row of rows (one integer column) and closes them.
func sumRows(t *testing.T, rows *sql.Rows) int {
	t.Helper()
	defer rows.Close()
	total := 0
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		total += v
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return total
}

// query runs q on c and fails the test on an error.
func query(t *testing.T, c *sql.Conn, q string, args ...any) *sql.Rows {
	t.Helper()
	rows, err := c.QueryContext(context.Background(), q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return rows
}

const sumQuery = "SELECT v FROM t WHERE v >= ? ORDER BY v"

// A query run again while its first rows are still open runs on a statement of its own: the
// first rows go on where they were, and the kept statement serves the next run.
func TestAQueryRunsAgainWhileItsRowsAreOpen(t *testing.T) {
	c := seeded(t, 10)
	outer := query(t, c, sumQuery, 1)
	if !outer.Next() {
		t.Fatal("no first row")
	}
	if got := sumRows(t, query(t, c, sumQuery, 5)); got != 45 {
		t.Fatalf("the inner run summed %d, want 45 (5..10)", got)
	}
	if got := sumRows(t, outer); got != 54 {
		t.Fatalf("the outer rows after the first summed %d, want 54 (2..10): the inner run reset them", got)
	}
	if got := sumRows(t, query(t, c, sumQuery, 9)); got != 19 {
		t.Fatalf("the kept statement's next run summed %d, want 19", got)
	}
}

// A statement pushed out of the cache while its rows are open is finalized only when they
// close: the rows read to their end.
func TestAnEvictedQueryFinishesItsRows(t *testing.T) {
	c := seeded(t, 10)
	rows := query(t, c, sumQuery, 1)
	for i := range capacity + 5 {
		sumRows(t, query(t, c, fmt.Sprintf("SELECT v + %d FROM t WHERE v = 1", i)))
	}
	if got := sumRows(t, rows); got != 55 {
		t.Fatalf("the evicted statement's rows summed %d, want 55", got)
	}
	if got := sumRows(t, query(t, c, sumQuery, 10)); got != 10 {
		t.Fatalf("the query prepared again summed %d, want 10", got)
	}
}

// Repeated queries are prepared once per connection.
func TestARepeatedQueryIsPreparedOnce(t *testing.T) {
	db := openTest(t)
	mustExec(t, db, "CREATE TABLE t (v INTEGER)", nil)
	for range 50 {
		count(t, db, "t")
	}
	if n := keptCount(t, db); n != 2 {
		t.Fatalf("%d statements kept, want 2 (the CREATE and the count)", n)
	}
}
