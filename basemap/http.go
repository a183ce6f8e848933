package basemap

// The base map's routes: its tiles, its TileJSON and the size of an area, for the PWA.

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/protomaps/go-pmtiles/pmtiles"
)

// Routes of the base map. The service worker (pb_public/sw.js) caches what PathTiles serves.
const (
	PathTiles    = "/api/maillage/basemap"
	PathTileJSON = "/api/maillage/basemap.json"
	PathSize     = "/api/maillage/basemap/size"
)

// tileCacheControl lets browsers and proxies keep a tile for a day, then revalidate it with
// its ETag (a new archive gives new ETags).
const tileCacheControl = "public, max-age=86400"

// Register opens the archive at path (nothing when path is empty) and serves it; the archive
// is closed when the app terminates. An archive that cannot be served is an error at start.
func Register(app core.App, path string) (*Archive, error) {
	if path == "" {
		return nil, nil
	}
	a, err := Open(path)
	if err != nil {
		return nil, err
	}
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.App.Logger().Info("base map served", "archive", a.Describe())
		se.Router.GET(PathTiles+"/{z}/{x}/{file}", a.serveTile)
		se.Router.GET(PathTileJSON, a.serveTileJSON)
		se.Router.GET(PathSize, a.serveSize)
		return se.Next()
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		a.Close()
		return e.Next()
	})
	return a, nil
}

// serveTile answers GET /api/maillage/basemap/{z}/{x}/{y}.{ext}: the tile, 404 when the
// archive has none there, 304 when the client's copy is current.
func (a *Archive) serveTile(e *core.RequestEvent) error {
	entry, ok, err := a.requested(e.Request)
	if err != nil {
		return e.InternalServerError("", err)
	}
	if !ok {
		return notFound(e)
	}
	if a.notModified(e, entry) {
		return nil
	}
	data, err := a.section(a.header.TileDataOffset+entry.Offset, uint64(entry.Length))
	if err != nil {
		return e.InternalServerError("", err)
	}
	return a.writeTile(e, data)
}

// requested finds the directory entry of the tile a request names; ok is false for a path
// that names no tile of this archive.
func (a *Archive) requested(r *http.Request) (pmtiles.EntryV3, bool, error) {
	z, x, y, ok := a.tilePath(r.PathValue("z"), r.PathValue("x"), r.PathValue("file"))
	if !ok {
		return pmtiles.EntryV3{}, false, nil
	}
	return a.entry(z, x, y)
}

// notModified sets the tile's caching headers and answers 304 when the client holds it.
func (a *Archive) notModified(e *core.RequestEvent, entry pmtiles.EntryV3) bool {
	h := e.Response.Header()
	h.Set("Cache-Control", tileCacheControl)
	h.Set("ETag", a.etag(entry))
	if match := e.Request.Header.Get("If-None-Match"); match == "" || match != h.Get("ETag") {
		return false
	}
	e.Response.WriteHeader(http.StatusNotModified)
	return true
}

// writeTile writes a tile's bytes, gzip-encoded as stored when the client accepts it and
// decompressed otherwise.
func (a *Archive) writeTile(e *core.RequestEvent, data []byte) error {
	h := e.Response.Header()
	h.Set("Content-Type", a.ContentType())
	if a.header.TileCompression == pmtiles.Gzip {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(e.Request) {
			h.Set("Content-Encoding", "gzip")
		} else if data, err := gunzip(data); err != nil {
			return e.InternalServerError("", err)
		} else {
			return e.Blob(http.StatusOK, a.ContentType(), data)
		}
	}
	return e.Blob(http.StatusOK, a.ContentType(), data)
}

// tilePath reads z, x and "y.ext" of a tile's URL; ok is false for anything else, or another
// extension than the archive's.
func (a *Archive) tilePath(zs, xs, file string) (z uint8, x, y uint32, ok bool) {
	ys, ext, found := strings.Cut(file, ".")
	if !found || ext != a.Ext() {
		return 0, 0, 0, false
	}
	zv, errZ := strconv.ParseUint(zs, 10, 8)
	xv, errX := strconv.ParseUint(xs, 10, 32)
	yv, errY := strconv.ParseUint(ys, 10, 32)
	if errZ != nil || errX != nil || errY != nil {
		return 0, 0, 0, false
	}
	return uint8(zv), uint32(xv), uint32(yv), true
}

// notFound answers 404 with an empty body: a map library reads an absent tile as an empty one.
func notFound(e *core.RequestEvent) error {
	e.Response.Header().Set("Cache-Control", tileCacheControl)
	e.Response.WriteHeader(http.StatusNotFound)
	return nil
}

// etag names one tile's content in this archive: its place in the tile data and the archive's
// own header (which changes with any new archive).
func (a *Archive) etag(entry pmtiles.EntryV3) string {
	f := fnv.New64a()
	f.Write(pmtiles.SerializeHeader(a.header))
	return fmt.Sprintf(`"%x-%x-%x"`, f.Sum64(), entry.Offset, entry.Length)
}

// serveTileJSON answers the archive's TileJSON 3.0, its tile URL on this server.
func (a *Archive) serveTileJSON(e *core.RequestEvent) error {
	meta, err := json.Marshal(a.metadata)
	if err != nil {
		return e.InternalServerError("", err)
	}
	body, err := pmtiles.CreateTileJSON(a.header, meta, origin(e.Request)+PathTiles)
	if err != nil {
		return e.InternalServerError("", err)
	}
	e.Response.Header().Set("Cache-Control", "no-cache")
	return e.Blob(http.StatusOK, "application/json", body)
}

// origin is the scheme and host the request reached.
func origin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func acceptsGzip(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept-Encoding"), "gzip")
}

func gunzip(data []byte) ([]byte, error) {
	r, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}
