// Package dbconnect opens Maillage's SQLite databases as PocketBase does (the same driver and
// pragmas as core.DefaultDBConnect), with one difference: each connection keeps the statements
// it executes prepared, by their SQL text. PocketBase prepares every INSERT and UPDATE anew, and
// SQLite compiles a table's triggers with each one (the revision history's, here): a bulk write
// such as an import spent a fifth of its processor time preparing the same few statements.
//
//	pb := pocketbase.NewWithConfig(pocketbase.Config{DBConnect: dbconnect.Connect})
package dbconnect

import (
	"context"
	"database/sql"
	"database/sql/driver"

	"github.com/pocketbase/dbx"
	"modernc.org/sqlite"
)

// Pragmas are core.DefaultDBConnect's, in its order: busy_timeout first, so that a connection
// waits on a busy database before it sets WAL mode.
const Pragmas = "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=journal_size_limit(200000000)" +
	"&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(ON)&_pragma=temp_store(MEMORY)&_pragma=cache_size(-32000)"

// Connect opens the database at dbPath; it is a core.DBConnectFunc.
func Connect(dbPath string) (*dbx.DB, error) {
	return dbx.NewFromDB(sql.OpenDB(connector{dsn: dbPath + Pragmas}), "sqlite"), nil
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
