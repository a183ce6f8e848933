package sqlitemem

import (
	"encoding/binary"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// Status is what SQLite reports of its memory, for the whole process (sqlite3_status64).
type Status struct {
	// MemoryUsed is the bytes SQLite holds from the allocator, counted in the allocator's
	// slot sizes.
	MemoryUsed int64 `json:"memoryUsed"`
	// PageCacheOverflow is the part of it held by page cache pages allocated one by one
	// (beyond a connection's bulk allocation).
	PageCacheOverflow int64 `json:"pageCacheOverflow"`
	// Allocations is the number of allocations SQLite holds.
	Allocations int64 `json:"allocations"`
	// SoftLimit is the soft heap limit (LimitHeap), 0 for none.
	SoftLimit int64 `json:"softLimit"`
}

// ReadStatus reads SQLite's memory status.
func ReadStatus() Status {
	tls := libc.NewTLS()
	defer tls.Close()
	return Status{
		MemoryUsed:        status(tls, sqlite3.SQLITE_STATUS_MEMORY_USED),
		PageCacheOverflow: status(tls, sqlite3.SQLITE_STATUS_PAGECACHE_OVERFLOW),
		Allocations:       status(tls, sqlite3.SQLITE_STATUS_MALLOC_COUNT),
		SoftLimit:         sqlite3.Xsqlite3_soft_heap_limit64(tls, -1), // -1 reads it
	}
}

// status reads the current value of one counter of sqlite3_status64.
func status(tls *libc.TLS, op int32) int64 {
	values := tls.Alloc(16) // current, highest
	defer tls.Free(16)
	sqlite3.Xsqlite3_status64(tls, op, values, values+8, 0)
	return int64(binary.NativeEndian.Uint64(libc.GoBytes(values, 8)))
}
