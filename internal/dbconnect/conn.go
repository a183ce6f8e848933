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

// conn is a connection whose ExecContext runs kept statements. Only executions are cached: a
// query's rows may still be open when the same text runs again, an execution never is.
type conn struct {
	sqliteConn
	byText map[string]*list.Element
	recent *list.List // of *kept, most recently used first
}

// kept is one prepared statement and its text.
type kept struct {
	text string
	stmt driver.Stmt
}

func newConn(c sqliteConn) *conn {
	return &conn{sqliteConn: c, byText: map[string]*list.Element{}, recent: list.New()}
}

// ExecContext runs query with a statement prepared on its first execution by this connection.
func (c *conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	st, err := c.statement(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.(driver.StmtExecContext).ExecContext(ctx, args)
}

// statement returns the kept statement of query, preparing it when there is none.
func (c *conn) statement(ctx context.Context, query string) (driver.Stmt, error) {
	if el, ok := c.byText[query]; ok {
		c.recent.MoveToFront(el)
		return el.Value.(*kept).stmt, nil
	}
	st, err := c.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.byText[query] = c.recent.PushFront(&kept{text: query, stmt: st})
	if c.recent.Len() > capacity {
		c.forget(c.recent.Back())
	}
	return st, nil
}

// forget finalizes one kept statement.
func (c *conn) forget(el *list.Element) {
	k := c.recent.Remove(el).(*kept)
	delete(c.byText, k.text)
	_ = k.stmt.Close()
}

// Close finalizes the kept statements, then closes the connection.
func (c *conn) Close() error {
	for c.recent.Len() > 0 {
		c.forget(c.recent.Front())
	}
	return c.sqliteConn.Close()
}
