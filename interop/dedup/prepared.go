package dedup

import (
	"sync"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// statements holds Flag's prepared statements per open transaction. An import flags hundreds
// of records per transaction with the same few statements, and SQLite (compiled to Go here)
// spends more preparing them than running them. The statements are prepared on the
// transaction, so they close with it; its entry is dropped when it ends.
var statements = struct {
	sync.Mutex
	byTx map[dbx.Builder]map[string]*dbx.Query
}{byTx: map[dbx.Builder]map[string]*dbx.Query{}}

// query returns sql as a query on app's database: prepared once per transaction when app runs
// one, a plain query otherwise. Within a transaction, Flag runs from one goroutine at a time.
func query(app core.App, sql string) *dbx.Query {
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
			statements.Lock()
			delete(statements.byTx, db)
			statements.Unlock()
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
