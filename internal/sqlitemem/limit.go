package sqlitemem

import (
	"errors"
	"fmt"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrTooLate means SQLite was already in use: its memory accounting can be turned on only
// before the process opens its first database.
var ErrTooLate = errors.New("sqlitemem: SQLite is already initialised; limit its memory before the first database opens")

// LimitHeap keeps the memory SQLite holds near limit bytes for the whole process: SQLite's
// accounting is turned on (it is off in this build) and its soft heap limit set, so that
// past the limit SQLite reuses and frees the least recently used pages of every
// connection's page cache instead of growing each cache to its cache_size. The caches of
// this build are one pool shared by all connections (SQLITE_ENABLE_MEMORY_MANAGEMENT).
//
// It must run before the process opens any database (ErrTooLate otherwise).
func LimitHeap(limit int64) error {
	tls := libc.NewTLS()
	defer tls.Close()
	args := libc.NewVaList(int32(1))
	defer libc.Xfree(tls, args)
	switch rc := sqlite3.Xsqlite3_config(tls, sqlite3.SQLITE_CONFIG_MEMSTATUS, args); rc {
	case sqlite3.SQLITE_OK:
	case sqlite3.SQLITE_MISUSE:
		return ErrTooLate
	default:
		return fmt.Errorf("sqlitemem: turn memory accounting on: SQLite error %d", rc)
	}
	sqlite3.Xsqlite3_soft_heap_limit64(tls, limit)
	return nil
}
