package basemap

// Cutting the territory out of a larger archive (a local file, or a published planet build
// read over HTTPS with range requests) with go-pmtiles' Extract.

import (
	"context"
	"fmt"
	"io"
	"log"
	"strings"

	"github.com/protomaps/go-pmtiles/pmtiles"
)

// DefaultMarginMeters is how far around the communes an extract without a bbox reaches, so
// that the streets just across the territory's edge are on the map too.
const DefaultMarginMeters = 2000

// ExtractOptions says what to cut out of which archive.
type ExtractOptions struct {
	// From is the source archive: a file path, or an http(s) URL read with range requests.
	From string
	// Out is the path of the archive written.
	Out string
	// BBox is the area kept.
	BBox BBox
	// MaxZoom is the deepest zoom kept (the source's if deeper); MinZoom the shallowest.
	MinZoom, MaxZoom uint8
	// Log receives go-pmtiles' progress; nil discards it.
	Log io.Writer
}

// Extract writes the tiles of o.From over o.BBox from o.MinZoom to o.MaxZoom into o.Out.
// The source is checked first, so that an archive Maillage could not serve is refused with
// the same one-line reason as at start.
func Extract(ctx context.Context, o ExtractOptions) error {
	if err := o.BBox.check(); err != nil {
		return err
	}
	if o.MinZoom > o.MaxZoom {
		return fmt.Errorf("--minzoom %d is above --maxzoom %d", o.MinZoom, o.MaxZoom)
	}
	if err := checkSource(ctx, o.From); err != nil {
		return fmt.Errorf("source %s: %w", o.From, err)
	}
	w := o.Log
	if w == nil {
		w = io.Discard
	}
	logger := log.New(w, "", 0)
	return pmtiles.Extract(ctx, logger, "", o.From, int8(o.MinZoom), int8(o.MaxZoom), "", o.BBox.String(),
		o.Out, 4, 0.05, false)
}

// checkSource reads the source's header with go-pmtiles' own bucket (a file or HTTP range
// requests) and refuses what Maillage could not serve, or what Extract cannot cut.
func checkSource(ctx context.Context, from string) error {
	bucketURL, key, err := pmtiles.NormalizeBucketKey("", "", from)
	if err != nil {
		return err
	}
	bucket, err := pmtiles.OpenBucket(ctx, bucketURL, "")
	if err != nil {
		return err
	}
	defer bucket.Close()
	r, err := bucket.NewRangeReader(ctx, key, 0, pmtiles.HeaderV3LenBytes)
	if err != nil {
		return err
	}
	defer r.Close()
	b, err := io.ReadAll(io.LimitReader(r, pmtiles.HeaderV3LenBytes))
	if err != nil {
		return err
	}
	return checkSourceHeader(b)
}

// checkSourceHeader checks a header read from a source whose size is not known.
func checkSourceHeader(b []byte) error {
	if len(b) < pmtiles.HeaderV3LenBytes {
		return fmt.Errorf("%d bytes, shorter than a PMTiles header", len(b))
	}
	h, err := pmtiles.DeserializeHeader(b)
	if err != nil {
		return err
	}
	if err := checkHeader(h, 1<<62); err != nil {
		return err
	}
	if !h.Clustered {
		return fmt.Errorf("the archive is not clustered, which an extract needs (rewrite it with `pmtiles cluster`)")
	}
	return nil
}

// IsRemote tells whether from is a URL rather than a file path.
func IsRemote(from string) bool {
	return strings.HasPrefix(from, "http://") || strings.HasPrefix(from, "https://")
}
