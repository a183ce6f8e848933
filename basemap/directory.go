package basemap

// Finding a tile: the root directory, then at most a few leaf directories (PMTiles v3 nests
// them), each read once and kept in a small cache.

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/protomaps/go-pmtiles/pmtiles"
)

// maxDepth bounds the leaf directories followed for one tile (the spec allows nesting; real
// archives use one or two levels), so that a corrupt archive cannot loop.
const maxDepth = 4

// leafCacheSize is how many leaf directories stay in memory.
const leafCacheSize = 64

// Tile returns the stored bytes of tile z/x/y, as they are in the archive (compressed as
// TileCompression says); ok is false when the archive has no such tile.
func (a *Archive) Tile(z uint8, x, y uint32) (data []byte, ok bool, err error) {
	e, ok, err := a.entry(z, x, y)
	if err != nil || !ok {
		return nil, ok, err
	}
	data, err = a.section(a.header.TileDataOffset+e.Offset, uint64(e.Length))
	return data, err == nil, err
}

// entry finds the directory entry of tile z/x/y, following leaf directories.
func (a *Archive) entry(z uint8, x, y uint32) (pmtiles.EntryV3, bool, error) {
	if z > 31 || uint64(x) >= 1<<z || uint64(y) >= 1<<z {
		return pmtiles.EntryV3{}, false, nil
	}
	id := pmtiles.ZxyToID(z, x, y)
	dir := a.root
	for depth := 0; depth <= maxDepth; depth++ {
		e, ok := pmtiles.FindTile(dir, id)
		if !ok || e.RunLength > 0 {
			return e, ok, nil
		}
		leaf, err := a.leaf(e)
		if err != nil {
			return e, false, err
		}
		dir = leaf
	}
	return pmtiles.EntryV3{}, false, fmt.Errorf("leaf directories nested deeper than %d", maxDepth)
}

// leaf reads the leaf directory an entry points to, from the cache when it can.
func (a *Archive) leaf(e pmtiles.EntryV3) ([]pmtiles.EntryV3, error) {
	if dir, ok := a.leaves.get(e.Offset); ok {
		return dir, nil
	}
	dir, err := a.directory(a.header.LeafDirectoryOffset+e.Offset, uint64(e.Length))
	if err == nil {
		a.leaves.put(e.Offset, dir)
	}
	return dir, err
}

// directory reads and decodes the directory of length bytes at offset. go-pmtiles panics on
// some corrupt directories: that is an error here, not a crash of the server.
func (a *Archive) directory(offset, length uint64) (dir []pmtiles.EntryV3, err error) {
	b, err := a.section(offset, length)
	if err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			dir, err = nil, fmt.Errorf("corrupt directory at %d: %v", offset, r)
		}
	}()
	return pmtiles.DeserializeEntries(bytes.NewBuffer(b), a.header.InternalCompression), nil
}

// leafCache keeps the leaf directories last read, forgetting them all when it is full (leaf
// directories are few and reading one again is cheap).
type leafCache struct {
	mu   sync.Mutex
	dirs map[uint64][]pmtiles.EntryV3
}

func newLeafCache() *leafCache {
	return &leafCache{dirs: map[uint64][]pmtiles.EntryV3{}}
}

func (c *leafCache) get(offset uint64) ([]pmtiles.EntryV3, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	dir, ok := c.dirs[offset]
	return dir, ok
}

func (c *leafCache) put(offset uint64, dir []pmtiles.EntryV3) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.dirs) >= leafCacheSize {
		clear(c.dirs)
	}
	c.dirs[offset] = dir
}
