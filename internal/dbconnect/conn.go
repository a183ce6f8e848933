package dbconnect

import (
	"container/list"
	"context"
	"database/sql/driver"
)

// capacity is how many statements a connection keeps prepared, the least recently used
// finalized first. A request saves a few records of a few collections; 64 holds them all.
const capacity = 64

// sqliteConn is what database/sql uses of a modernc.org/sqlite connection; conn passes it all
// through, so that nothing falls back to a slower path.
type sqliteConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// conn is a connection whose ExecContext and QueryContext run kept statements. A kept
// statement whose rows are still open is busy: the same text meanwhile runs on a statement of
// its own, and a busy statement pushed out of the cache is finalized when its rows close.
type conn struct {
	sqliteConn
	byText map[string]*list.Element
	recent *list.List // of *kept, most recently used first
}

// kept is one prepared statement and its text.
type kept struct {
	text    string
	stmt    driver.Stmt
	busy    bool // its rows are open
	evicted bool // no longer in the cache: finalize when its rows close
}

func newConn(c sqliteConn) *conn {
	return &conn{sqliteConn: c, byText: map[string]*list.Element{}, recent: list.New()}
}

// ExecContext runs query with a statement prepared on its first execution by this connection.
func (c *conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	k, err := c.statement(ctx, query)
	if err != nil {
		return nil, err
	}
	if k.busy {
		return c.sqliteConn.ExecContext(ctx, query, args)
	}
	return k.stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

// QueryContext runs query with a statement prepared on its first run by this connection; the
// statement is busy until its rows close. Reads parse their SQL once per connection too: under
// load (loadtest/, BENCHMARKS.md) preparing queries took a sixth of the server's processor.
func (c *conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	k, err := c.statement(ctx, query)
	if err != nil {
		return nil, err
	}
	if k.busy { // the same text is still being read: a statement of its own
		return c.sqliteConn.QueryContext(ctx, query, args)
	}
	rows, err := k.stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		return nil, err
	}
	k.busy = true
	return &keptRows{sqliteRows: rows.(sqliteRows), k: k}, nil
}

// statement returns the kept statement of query, preparing it when there is none.
func (c *conn) statement(ctx context.Context, query string) (*kept, error) {
	if el, ok := c.byText[query]; ok {
		c.recent.MoveToFront(el)
		return el.Value.(*kept), nil
	}
	st, err := c.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	k := &kept{text: query, stmt: st}
	c.byText[query] = c.recent.PushFront(k)
	if c.recent.Len() > capacity {
		c.forget(c.recent.Back())
	}
	return k, nil
}

// forget drops one kept statement from the cache and finalizes it, once its rows are closed.
func (c *conn) forget(el *list.Element) {
	k := c.recent.Remove(el).(*kept)
	delete(c.byText, k.text)
	k.evicted = true
	if !k.busy {
		_ = k.stmt.Close()
	}
}

// keptRows are the rows of a kept statement: closing them frees the statement (resetting it
// for its next run, or finalizing it if it left the cache meanwhile). database/sql closes rows
// under the connection's lock, like every other use of the connection.
type keptRows struct {
	sqliteRows
	k *kept
}

// sqliteRows is what database/sql uses of modernc.org/sqlite's rows (ColumnTypes included).
type sqliteRows interface {
	driver.Rows
	driver.RowsColumnTypeDatabaseTypeName
	driver.RowsColumnTypeLength
	driver.RowsColumnTypeNullable
	driver.RowsColumnTypePrecisionScale
	driver.RowsColumnTypeScanType
}

// Close closes the rows and frees their statement.
func (r *keptRows) Close() error {
	err := r.sqliteRows.Close()
	r.k.busy = false
	if r.k.evicted {
		_ = r.k.stmt.Close()
	}
	return err
}

// Close finalizes the kept statements, then closes the connection.
func (c *conn) Close() error {
	for c.recent.Len() > 0 {
		c.forget(c.recent.Front())
	}
	return c.sqliteConn.Close()
}
