// Package sqlitemem manages SQLite's memory in the process: it keeps a few pages of SQLite's
// allocator mapped for the life of the process (Reserve), bounds what SQLite holds (LimitHeap)
// and reads what it holds (ReadStatus).
//
// SQLite runs here compiled to Go (modernc.org/sqlite), on an allocator (modernc.org/memory)
// that carves 64 KiB pages into slots of one size and unmaps a page as soon as its last slot is
// freed. A write statement inside a transaction on a table with triggers (the sync's change log
// and the revision history are triggers) opens a statement journal: a few dozen 1 KiB chunks,
// allocated as the statement runs and all freed when it ends. On an otherwise idle allocator
// every such statement mapped a fresh page, faulted it in and unmapped it again: half of an
// import's processor time went to mmap and munmap (BENCHMARKS.md). Keeping one slot of a few
// pages of each small size class allocated keeps those pages mapped, and their free slots
// serve the next statement.
//
//	sqlitemem.LimitHeap(32 << 20) // before the first database opens
//	sqlitemem.Reserve()           // once, at start; later calls do nothing
package sqlitemem

import (
	"sync"

	"modernc.org/libc"
)

const (
	// pageSize is modernc.org/memory's page: every slot of one page has the same size.
	pageSize = 64 << 10
	// minClass and maxClass bound the size classes kept (32 B to 16 KiB, the largest the
	// allocator shares a page between); the statement journal's chunks are 1 KiB and more.
	minClass, maxClass = 5, 14
	// pagesPerClass is how many pages of each class stay mapped: 8 × 10 classes × 64 KiB is
	// 5 MiB of address space.
	pagesPerClass = 8
	// pagesPerBusyClass is how many pages stay mapped for the two classes SQLite churns most
	// (busyClasses): 64 × 64 KiB is 4 MiB each. With 8, the slots kept free at start were soon
	// taken by lasting allocations (statements, schema) and a statement journal mapped and
	// unmapped its pages again at each write (BENCHMARKS.md, Import, session 7).
	pagesPerBusyClass = 64
)

// busyClasses are the size classes of a statement journal's chunks (1 KiB of data and their
// headers: 2 KiB slots) and of the page cache's pages (4 KiB and their headers: 8 KiB slots).
var busyClasses = map[int]bool{11: true, 13: true}

var once sync.Once

// Reserve keeps pages of each size class mapped, once per process.
func Reserve() {
	once.Do(func() {
		tls := libc.NewTLS()
		defer tls.Close()
		for class := minClass; class <= maxClass; class++ {
			pages := pagesPerClass
			if busyClasses[class] {
				pages = pagesPerBusyClass
			}
			reserveClass(tls, 1<<class, pages)
		}
	})
}

// reserveClass allocates a page's worth of slots of size more than pages pages hold, keeps one
// slot in each of those pages and frees the others: those pages keep one slot in use, so the
// allocator never unmaps them, and their free slots go to the next allocations.
func reserveClass(tls *libc.TLS, size, pages int) {
	perPage := pageSize / size
	kept := map[uintptr]bool{}
	var spare []uintptr
	for range (pages + 1) * perPage {
		p := libc.Xmalloc(tls, libc.Tsize_t(size))
		if p == 0 {
			break // out of memory: keep what was reserved
		}
		page := p &^ (pageSize - 1)
		if !kept[page] && len(kept) < pages {
			kept[page] = true
			continue
		}
		spare = append(spare, p)
	}
	for _, p := range spare {
		libc.Xfree(tls, p)
	}
}
