package prepared

import (
	"errors"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Querier makes the queries of a run of statements: those of an app (In), kept prepared for
// its transaction, or those of a Reader.
type Querier interface {
	Query(sql string) *dbx.Query
}

// In is app's Querier: Query(app, sql).
func In(app core.App) Querier { return appQuerier{app} }

type appQuerier struct{ app core.App }

func (a appQuerier) Query(sql string) *dbx.Query { return Query(a.app, sql) }

// Reader is a read transaction on app's pool of readers, its statements prepared once, for one
// goroutine that reads query after query beside a writer (an import's duplicate search). A
// query on its own would parse its SQL again, and start a snapshot whose connection re-reads
// every page the writer changed since its last one.
type Reader struct {
	tx     *dbx.Tx
	byText map[string]*dbx.Query
}

// Read runs fn with a Reader on app's concurrent database, ended when fn returns. What fn reads
// is the database as it was when fn began reading.
func Read(app core.App, fn func(r *Reader) error) error {
	db, ok := app.ConcurrentDB().(*dbx.DB)
	if !ok {
		return errors.New("prepared: the app's concurrent database is not a *dbx.DB")
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }() // it only read: nothing to keep
	return fn(&Reader{tx: tx, byText: map[string]*dbx.Query{}})
}

// Query returns sql as a query of the reader's transaction, prepared on its first use.
func (r *Reader) Query(sql string) *dbx.Query {
	q, ok := r.byText[sql]
	if !ok {
		q = r.tx.NewQuery(sql).Prepare()
		r.byText[sql] = q
	}
	return q
}
