// Package export publishes Maillage's public data in open formats: GeoJSON and CSV of every
// content collection, JSON-LD (schema.org) per record and per collection, iCalendar feeds of
// events and an ActivityStreams 2.0 collection of recent items. Only what an anonymous reader
// may list is exported (the collection's own list rule decides, offers keep their blurred
// location), each export carries the territory's licence and attribution, answers 304 to a
// matching If-None-Match, and is streamed page by page with flat memory.
//
//	export.Register(app, export.Config{Licence: "ODbL-1.0", Attribution: "Contributeurs de Maillage"})
//	// GET /api/maillage/export/initiatives.geojson?category=jardins-partages
//	// GET /api/maillage/export/events.ics?commune=93066
//	// GET /api/maillage/jsonld/initiatives/{id}
//	// GET /api/maillage/activity
package export

import (
	"bufio"
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// Route paths.
const (
	ExportPath   = "/api/maillage/export/{file}"
	JSONLDPath   = "/api/maillage/jsonld/{collection}/{id}"
	ActivityPath = "/api/maillage/activity"
)

// Formats of ExportPath, by file extension.
const (
	FormatGeoJSON = "geojson"
	FormatCSV     = "csv"
	FormatJSONLD  = "jsonld"
	FormatICS     = "ics"
)

// Register binds the export routes on app's router when it serves.
func Register(app core.App, cfg Config) {
	cfg = cfg.WithDefaults()
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET(ExportPath, func(e *core.RequestEvent) error { return serveExport(e, cfg) })
		se.Router.GET(JSONLDPath, func(e *core.RequestEvent) error { return serveRecordJSONLD(e, cfg) })
		se.Router.GET(ActivityPath, func(e *core.RequestEvent) error { return serveActivity(e, cfg) })
		return se.Next()
	})
}

// serveExport answers GET /api/maillage/export/{collection}.{format}.
func serveExport(e *core.RequestEvent, cfg Config) error {
	name, format, _ := strings.Cut(e.Request.PathValue("file"), ".")
	c, err := exportedCollection(e, name)
	if err != nil {
		return err
	}
	f, err := parseFilter(e, c)
	if err != nil {
		return err
	}
	switch format {
	case FormatGeoJSON:
		return serveRecords(e, cfg, c, f, GeoJSONContentType, FormatGeoJSON, writeGeoJSON)
	case FormatCSV:
		return serveRecords(e, cfg, c, f, CSVContentType, FormatCSV, writeCSV)
	case FormatJSONLD:
		return serveCollectionJSONLD(e, cfg, c, f)
	case FormatICS:
		return serveICS(e, cfg, c, f)
	}
	return notFound(e, "format", "export_unknown_format", map[string]any{"format": format})
}

// recordWriter writes the records each yields in one format, with cols as their fields.
type recordWriter func(w *bufio.Writer, r *refs, cols []column, each func(func(*core.Record) error) error) error

// serveRecords streams c's public records that f keeps, written by write.
func serveRecords(e *core.RequestEvent, cfg Config, c *core.Collection, f filter, contentType, format string, write recordWriter) error {
	return stream(e, cfg, contentType, c.Name, format, func(w *bufio.Writer, r *refs) error {
		return write(w, r, columns[c.Name], func(fn func(*core.Record) error) error {
			return scan(e.App, c, f, fn)
		})
	})
}

// attachment names the downloaded file after the collection and the licence, so that the
// licence stays with a file saved from a browser (CSV has no place for it inside).
func attachment(e *core.RequestEvent, cfg Config, collection, ext string) {
	name := "maillage-" + collection + "-" + safeName(cfg.Licence) + "." + ext
	e.Response.Header().Set("Content-Disposition", `inline; filename="`+name+`"`)
}

// safeName keeps letters, digits, dots and dashes of s, for a file name.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '.' || r == '-' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') {
			return r
		}
		return '-'
	}, s)
}

// licenceHeaders links the licence (RFC 8288 rel="license") and sets the feed's caching.
func licenceHeaders(e *core.RequestEvent, cfg Config) {
	h := e.Response.Header()
	h.Set("Link", "<"+cfg.LicenceURL+`>; rel="license"`)
	h.Set("Cache-Control", "public, max-age=300, must-revalidate")
	h.Set("Access-Control-Expose-Headers", "ETag, Link, Content-Disposition")
}

// stream answers 304 when the client's copy is current, else writes the export with write
// through a buffer flushed as it fills: the body is never held whole. An error after the first
// byte can only cut the answer short; it is logged.
func stream(e *core.RequestEvent, cfg Config, contentType, collection, ext string, write func(*bufio.Writer, *refs) error) error {
	if ok, err := fresh(e, cfg); ok || err != nil {
		return internal(e, err)
	}
	r, err := loadRefs(e.App, cfg, collection == s.Events)
	if err != nil {
		return internal(e, err)
	}
	attachment(e, cfg, collection, ext)
	e.Response.Header().Set("Content-Type", contentType)
	e.Response.WriteHeader(http.StatusOK)
	w := bufio.NewWriterSize(e.Response, 32<<10)
	if err := write(w, r); err != nil {
		e.App.Logger().Error("export: cut short", "path", e.Request.URL.Path, "error", err)
		return nil
	}
	return w.Flush()
}

// internal is a 500 with a message for people, or nil for no error.
func internal(e *core.RequestEvent, err error) error {
	if err == nil {
		return nil
	}
	return e.InternalServerError(i18nFailed(e), err)
}
