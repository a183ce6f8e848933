package basemap

// Writing a PMTiles v3 archive from tiles held in memory, with go-pmtiles' own encoders of
// the header, directories and metadata. Sketch's archives are small: everything is in memory.

import (
	"crypto/sha256"
	"io"
	"sort"

	"github.com/protomaps/go-pmtiles/pmtiles"
)

// rootDirectoryBytes is the room the spec recommends for the header and root directory
// together (the first 16 KiB of the archive, fetched at once by readers).
const rootDirectoryBytes = 16384 - pmtiles.HeaderV3LenBytes

// ArchiveTile is one tile to write: its position and its bytes, compressed as the archive says.
type ArchiveTile struct {
	Z    uint8
	X, Y uint32
	Data []byte
}

// ArchiveHeader is what a written archive's header says beyond its layout.
type ArchiveHeader struct {
	TileType        pmtiles.TileType
	TileCompression pmtiles.Compression
	Bounds          BBox
	CenterZoom      uint8
}

// WriteArchive writes tiles as a clustered PMTiles v3 archive: tiles in tile-id order, the
// same content stored once, directories and metadata gzip-compressed.
func WriteArchive(w io.Writer, head ArchiveHeader, metadata map[string]any, tiles []ArchiveTile) error {
	entries, data := layoutTiles(tiles)
	root, leaves, _ := pmtiles.BuildDirectories(entries, rootDirectoryBytes, pmtiles.Gzip)
	meta, err := pmtiles.SerializeMetadata(metadata, pmtiles.Gzip)
	if err != nil {
		return err
	}
	h := headerFor(head, entries, tiles)
	h.RootOffset, h.RootLength = pmtiles.HeaderV3LenBytes, uint64(len(root))
	h.MetadataOffset, h.MetadataLength = h.RootOffset+h.RootLength, uint64(len(meta))
	h.LeafDirectoryOffset, h.LeafDirectoryLength = h.MetadataOffset+h.MetadataLength, uint64(len(leaves))
	h.TileDataOffset, h.TileDataLength = h.LeafDirectoryOffset+h.LeafDirectoryLength, uint64(len(data))
	for _, part := range [][]byte{pmtiles.SerializeHeader(h), root, meta, leaves, data} {
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	return nil
}

// layoutTiles sorts the tiles by tile id and lays out their contents, each distinct one once.
func layoutTiles(tiles []ArchiveTile) ([]pmtiles.EntryV3, []byte) {
	sort.Slice(tiles, func(i, j int) bool { return tileID(tiles[i]) < tileID(tiles[j]) })
	var data []byte
	seen := map[[32]byte]uint64{}
	entries := make([]pmtiles.EntryV3, 0, len(tiles))
	for _, t := range tiles {
		sum := sha256.Sum256(t.Data)
		offset, ok := seen[sum]
		if !ok {
			offset = uint64(len(data))
			seen[sum] = offset
			data = append(data, t.Data...)
		}
		entries = append(entries, pmtiles.EntryV3{TileID: tileID(t), Offset: offset, Length: uint32(len(t.Data)), RunLength: 1})
	}
	return entries, data
}

func tileID(t ArchiveTile) uint64 { return pmtiles.ZxyToID(t.Z, t.X, t.Y) }

// headerFor fills the header's description of the tiles (zooms, bounds, counts).
func headerFor(head ArchiveHeader, entries []pmtiles.EntryV3, tiles []ArchiveTile) pmtiles.HeaderV3 {
	h := pmtiles.HeaderV3{SpecVersion: 3, Clustered: true, InternalCompression: pmtiles.Gzip,
		TileCompression: head.TileCompression, TileType: head.TileType, CenterZoom: head.CenterZoom,
		AddressedTilesCount: uint64(len(tiles)), TileEntriesCount: uint64(len(entries)), MinZoom: 255}
	contents := map[uint64]bool{}
	for i, t := range tiles {
		contents[entries[i].Offset] = true
		h.MinZoom, h.MaxZoom = min(h.MinZoom, t.Z), max(h.MaxZoom, t.Z)
	}
	if len(tiles) == 0 {
		h.MinZoom = 0
	}
	h.TileContentsCount = uint64(len(contents))
	b := head.Bounds
	h.MinLonE7, h.MinLatE7, h.MaxLonE7, h.MaxLatE7 = toE7(b.West), toE7(b.South), toE7(b.East), toE7(b.North)
	h.CenterLonE7, h.CenterLatE7 = toE7((b.West+b.East)/2), toE7((b.South+b.North)/2)
	return h
}

func toE7(v float64) int32 { return int32(v * 1e7) }
