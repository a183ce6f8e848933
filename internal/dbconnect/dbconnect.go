// Package dbconnect opens Maillage's SQLite databases as PocketBase does (the same driver and
// pragmas as core.DefaultDBConnect) with two differences:
//
//   - each connection keeps the statements it executes prepared, by their SQL text. PocketBase
//     prepares every INSERT and UPDATE anew, and SQLite compiles a table's triggers with each
//     one (the revision history's, here): plain saves spent a fifth of their processor time
//     preparing the same few statements.
//
//   - the data database is synchronous=FULL: in WAL mode NORMAL may lose the last acknowledged
//     commits on a power cut, and the sync would then hand their change-log positions out again
//     to new writes that devices already past them never pull. FULL costs an fsync per commit,
//     not per record (docs/reliability.md, Crashes). The auxiliary database (logs) stays NORMAL.
//
//     pb := pocketbase.NewWithConfig(pocketbase.Config{DBConnect: dbconnect.Connect})
package dbconnect

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/pocketbase/dbx"
	"modernc.org/sqlite"
)

// Pragmas are core.DefaultDBConnect's, in its order: busy_timeout first, so that a connection
// waits on a busy database before it sets WAL mode.
const Pragmas = "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=journal_size_limit(200000000)" +
	"&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(ON)&_pragma=temp_store(MEMORY)&_pragma=cache_size(-32000)"

// MaxOpen is the number of connections to data.db the server opens and keeps open (its
// DataMaxOpenConns and DataMaxIdleConns): 8 a processor, at least 16. PocketBase opens up to
// 120 and keeps 15 when idle: under the load of 1,000 devices the server then opened and
// closed connections all the time (each opening runs the pragmas and starts with no prepared
// statement: 18 % of its CPU in the load test's profile), pushes waited past their 5 s for
// the writer, and 120 connections held about 260 MB of SQLite memory (page cache,
// statements). SQLite cannot keep more readers busy than there are processors; a request
// waits for a free connection instead (BENCHMARKS.md, Load).
func MaxOpen() int {
	return max(16, 8*runtime.GOMAXPROCS(0))
}

// dataDB is the file name of PocketBase's data database (the other is auxiliary.db).
const dataDB = "data.db"

// Connect opens the database at dbPath, the data database with synchronous=FULL; it is a
// core.DBConnectFunc.
func Connect(dbPath string) (*dbx.DB, error) {
	return open(dbPath + dataPragmas(dbPath, false)), nil
}

// dataPragmas are the pragmas Connect and ConnectReplicated open dbPath with.
func dataPragmas(dbPath string, replicated bool) string {
	if filepath.Base(dbPath) != dataDB {
		return Pragmas
	}
	pragmas := strings.Replace(Pragmas, "synchronous(NORMAL)", "synchronous(FULL)", 1)
	if replicated {
		pragmas += "&_pragma=wal_autocheckpoint(0)"
	}
	return pragmas
}

// ConnectReplicated is Connect for a data dir whose data.db Litestream replicates (package
// replication): data.db's connections never checkpoint on their own (wal_autocheckpoint=0).
// Litestream must be the only checkpointer: it holds a read transaction so that no frame leaves
// the WAL before it has copied it, and checkpoints itself (PASSIVE every 1000 pages and every
// minute, TRUNCATE past its limit). auxiliary.db is not replicated and keeps autocheckpoints.
func ConnectReplicated(dbPath string) (*dbx.DB, error) {
	return open(dbPath + dataPragmas(dbPath, true)), nil
}

// ConnectNormal opens the database at dbPath with PocketBase's pragmas unchanged
// (synchronous=NORMAL): for tests, whose databases no power cut threatens.
func ConnectNormal(dbPath string) (*dbx.DB, error) {
	return open(dbPath + Pragmas), nil
}

// open opens dsn through connections that keep their statements.
func open(dsn string) *dbx.DB {
	return dbx.NewFromDB(sql.OpenDB(connector{dsn: dsn}), "sqlite")
}

// connector opens modernc.org/sqlite connections wrapped in a statement cache.
type connector struct {
	dsn string
}

// Connect opens one connection.
func (c connector) Connect(context.Context) (driver.Conn, error) {
	raw, err := (&sqlite.Driver{}).Open(c.dsn)
	if err != nil {
		return nil, err
	}
	return newConn(raw.(sqliteConn)), nil
}

// Driver is the underlying driver.
func (c connector) Driver() driver.Driver {
	return &sqlite.Driver{}
}
