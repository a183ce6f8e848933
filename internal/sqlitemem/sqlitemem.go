// Package sqlitemem keeps a few pages of the SQLite allocator mapped for the life of the
// process.
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
//	sqlitemem.Reserve() // once, at start; later calls do nothing
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
	// 5 MiB of address space, which a statement's journal and program fit in.
	pagesPerClass = 8
)

var once sync.Once

// Reserve keeps pagesPerClass pages of each size class mapped, once per process.
func Reserve() {
	once.Do(func() {
		tls := libc.NewTLS()
		defer tls.Close()
		for class := minClass; class <= maxClass; class++ {
			reserveClass(tls, 1<<class)
		}
	})
}

// reserveClass allocates a page's worth of slots of size more than pagesPerClass pages hold,
// keeps one slot in each of pagesPerClass pages and frees the others: those pages keep one slot
// in use, so the allocator never unmaps them, and their free slots go to the next allocations.
func reserveClass(tls *libc.TLS, size int) {
	perPage := pageSize / size
	kept := map[uintptr]bool{}
	var spare []uintptr
	for range (pagesPerClass + 1) * perPage {
		p := libc.Xmalloc(tls, libc.Tsize_t(size))
		if p == 0 {
			break // out of memory: keep what was reserved
		}
		page := p &^ (pageSize - 1)
		if !kept[page] && len(kept) < pagesPerClass {
			kept[page] = true
			continue
		}
		spare = append(spare, p)
	}
	for _, p := range spare {
		libc.Xfree(tls, p)
	}
}
