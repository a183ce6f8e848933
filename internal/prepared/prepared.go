// Package prepared keeps SQL statements prepared for the life of a transaction. A bulk write
// (an import, the dedup keys of each record it saves) runs the same few statements hundreds of
// times per transaction, and SQLite (compiled to Go here) spends more preparing them than
// running them.
//
//	q := prepared.Query(tx, "SELECT rid FROM t WHERE key = {:key}")
//	err := q.Bind(dbx.Params{"key": k}).Column(&ids)
package prepared

import (
	"sync"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// statements holds the prepared statements of each open transaction, by SQL text. They are
// prepared on the transaction, so they close with it; its entry is dropped when it ends.
var statements = struct {
	sync.Mutex
	byTx map[dbx.Builder]map[string]*dbx.Query
}{byTx: map[dbx.Builder]map[string]*dbx.Query{}}

// Query returns sql as a query on app's database: prepared once per transaction when app runs
// one, a plain query otherwise. A transaction's statements must be used from one goroutine at
// a time, as the transaction itself.
func Query(app core.App, sql string) *dbx.Query {
	db := app.DB()
	if !app.IsTransactional() || app.TxInfo() == nil {
		return db.NewQuery(sql)
	}
	statements.Lock()
	defer statements.Unlock()
	byTx, ok := statements.byTx[db]
	if !ok {
		byTx = map[string]*dbx.Query{}
		statements.byTx[db] = byTx
		app.TxInfo().OnComplete(func(error) error {
			forget(db)
			return nil
		})
	}
	q, ok := byTx[sql]
	if !ok {
		q = db.NewQuery(sql).Prepare()
		byTx[sql] = q
	}
	return q
}

func forget(db dbx.Builder) {
	statements.Lock()
	delete(statements.byTx, db)
	statements.Unlock()
}
