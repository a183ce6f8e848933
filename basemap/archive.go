// Package basemap reads, serves and extracts the territory's base map: a PMTiles archive
// (vector tiles of the Protomaps basemap schema, or raster tiles) that the binary serves to the
// PWA, so that the map draws streets without any tile provider and offline once kept.
//
//	a, err := basemap.Open("plaine-commune.pmtiles") // refuses a file that is no PMTiles v3
//	data, ok, err := a.Tile(14, 8301, 5630)
//
// It reads archives with github.com/protomaps/go-pmtiles (header, directories, metadata) and
// cuts extracts with its Extract; it writes the small vector archives of Sketch itself.
package basemap

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/protomaps/go-pmtiles/pmtiles"
)

// maxDirectoryBytes bounds one directory read, so that a corrupt header cannot make the
// server allocate gigabytes.
const maxDirectoryBytes = 64 << 20

// Archive is an open PMTiles archive: its header, metadata and root directory are read once;
// tiles and leaf directories are read on demand. It is safe for concurrent use.
type Archive struct {
	name     string
	file     io.ReaderAt
	closer   io.Closer
	size     int64
	header   pmtiles.HeaderV3
	metadata map[string]any
	root     []pmtiles.EntryV3
	leaves   *leafCache
}

// Open opens the archive at path and checks it: a PMTiles v3 archive of a tile type Maillage
// can serve, whose directories and metadata can be read. The error names the file and says
// what is wrong with it, on one line.
func Open(path string) (*Archive, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("base map %s: %w", path, err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("base map %s: %w", path, err)
	}
	a, err := read(f, info.Size(), filepath.Base(path))
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("base map %s is not a usable PMTiles archive: %w", path, err)
	}
	a.closer = f
	return a, nil
}

// read reads and checks the header, the metadata and the root directory of an archive.
func read(r io.ReaderAt, size int64, name string) (*Archive, error) {
	a := &Archive{name: name, file: r, size: size, leaves: newLeafCache()}
	var err error
	if a.header, err = readHeader(r, size); err != nil {
		return nil, err
	}
	if a.root, err = a.directory(a.header.RootOffset, a.header.RootLength); err != nil {
		return nil, fmt.Errorf("root directory: %w", err)
	}
	if a.metadata, err = a.readMetadata(); err != nil {
		return nil, fmt.Errorf("metadata: %w", err)
	}
	return a, nil
}

// readHeader reads the fixed 127-byte header and refuses what Maillage cannot serve.
func readHeader(r io.ReaderAt, size int64) (pmtiles.HeaderV3, error) {
	if size < pmtiles.HeaderV3LenBytes {
		return pmtiles.HeaderV3{}, fmt.Errorf("%d bytes, shorter than a PMTiles header", size)
	}
	b := make([]byte, pmtiles.HeaderV3LenBytes)
	if _, err := r.ReadAt(b, 0); err != nil {
		return pmtiles.HeaderV3{}, err
	}
	if string(b[:7]) == "PMTiles" && b[7] != 3 {
		return pmtiles.HeaderV3{}, fmt.Errorf("spec version %d, Maillage reads version 3 (convert it with `pmtiles convert`)", b[7])
	}
	h, err := pmtiles.DeserializeHeader(b)
	if err != nil {
		return h, err
	}
	return h, checkHeader(h, size)
}

// checkHeader refuses an older spec, an unknown tile type or compression, and sections that
// lie outside the file.
func checkHeader(h pmtiles.HeaderV3, size int64) error {
	if h.SpecVersion != 3 {
		return fmt.Errorf("spec version %d, Maillage reads version 3 (convert it with `pmtiles convert`)", h.SpecVersion)
	}
	if _, ok := tileFormats[h.TileType]; !ok {
		return fmt.Errorf("tile type %d is not one Maillage serves (mvt, png, jpeg, webp)", h.TileType)
	}
	if h.TileCompression != pmtiles.UnknownCompression && h.TileCompression != pmtiles.NoCompression &&
		h.TileCompression != pmtiles.Gzip {
		return fmt.Errorf("tile compression %d is not supported (none or gzip)", h.TileCompression)
	}
	if h.InternalCompression != pmtiles.NoCompression && h.InternalCompression != pmtiles.Gzip {
		return fmt.Errorf("directory compression %d is not supported (none or gzip)", h.InternalCompression)
	}
	for _, s := range [][2]uint64{{h.RootOffset, h.RootLength}, {h.MetadataOffset, h.MetadataLength},
		{h.LeafDirectoryOffset, h.LeafDirectoryLength}, {h.TileDataOffset, h.TileDataLength}} {
		if s[0]+s[1] > uint64(size) || s[0]+s[1] < s[0] {
			return fmt.Errorf("a section (offset %d, %d bytes) lies beyond the end of the file (%d bytes)", s[0], s[1], size)
		}
	}
	if h.RootLength == 0 {
		return errors.New("no root directory")
	}
	return nil
}

// Close closes the archive's file.
func (a *Archive) Close() error {
	if a.closer == nil {
		return nil
	}
	return a.closer.Close()
}

// Header returns the archive's header.
func (a *Archive) Header() pmtiles.HeaderV3 { return a.header }

// Metadata returns the archive's JSON metadata (name, attribution, vector_layers…).
func (a *Archive) Metadata() map[string]any { return a.metadata }

// Name returns the archive's file name.
func (a *Archive) Name() string { return a.name }

// readMetadata reads and decompresses the JSON metadata; an archive without any has {}.
func (a *Archive) readMetadata() (map[string]any, error) {
	if a.header.MetadataLength == 0 {
		return map[string]any{}, nil
	}
	b, err := a.section(a.header.MetadataOffset, a.header.MetadataLength)
	if err != nil {
		return nil, err
	}
	return pmtiles.DeserializeMetadata(bytes.NewReader(b), a.header.InternalCompression)
}

// section reads length bytes at offset.
func (a *Archive) section(offset, length uint64) ([]byte, error) {
	if length > maxDirectoryBytes && offset < a.header.TileDataOffset {
		return nil, fmt.Errorf("a directory of %d bytes is too large", length)
	}
	if offset+length > uint64(a.size) {
		return nil, fmt.Errorf("%d bytes at %d lie beyond the end of the file", length, offset)
	}
	b := make([]byte, length)
	_, err := a.file.ReadAt(b, int64(offset))
	return b, err
}
