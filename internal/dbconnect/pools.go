package dbconnect

import (
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// ReaderCacheKiB is the page cache of each connection of data.db's pool of readers, where
// PocketBase gives every connection 32 MB. SQLite's allocator here (modernc.org/memory) keeps a
// 4 KiB page in an 8 KiB slot, so 16 readers could hold 1 GB: with 100,000 records and a
// thousand clients browsing, the server reached 1.4 GB (BENCHMARKS.md, "Load, session 10").
// The readers keep 4 MB each (the file's pages stay in the system's cache); the writer keeps
// PocketBase's 32 MB, for the imports and pushes that write much of a table. Their sum is
// bounded besides by SQLite's soft heap limit (sqlitemem.LimitHeap, set by main).
const ReaderCacheKiB = 4000

// ServerConnect is the server's core.DBConnectFunc: Connect, or ConnectReplicated when
// replicated() says Litestream replicates data.db, with data.db's readers opened with a page
// cache of ReaderCacheKiB. PocketBase opens data.db twice at each bootstrap, its pool of
// readers first, then its single writer (core.BaseApp.initDataDB, v0.39.11):
// TestReadersCacheLessThanTheWriter catches a change of that order.
func ServerConnect(replicated func() bool) core.DBConnectFunc {
	var opens atomic.Int64
	return func(dbPath string) (*dbx.DB, error) {
		dsn := dbPath + dataPragmas(dbPath, replicated())
		if filepath.Base(dbPath) == dataDB && opens.Add(1)%2 == 1 {
			dsn = strings.Replace(dsn, "cache_size(-32000)", "cache_size(-"+strconv.Itoa(ReaderCacheKiB)+")", 1)
		}
		return open(dsn), nil
	}
}
