// Package geoapi serves Maillage's map data: GET /api/geo/{collection} answers a bounding-box
// or nearby query with an RFC 7946 FeatureCollection (application/geo+json, flat properties,
// usable as-is by uMap and QGIS) through the collection's own list rule, helped by the R*Tree
// the geo hooks keep; POST /api/maillage/territory (and `maillage territory import FILE`,
// TerritoryCommand) lets a superuser load a territory's communes from a GeoJSON file.
//
//	geoapi.Register(app, rowcache.New(32<<20)) // or nil: no features kept
//	// GET /api/geo/initiatives?bbox=2.35,48.92,2.37,48.94&category=food
//	// GET /api/geo/offers?near=2.3596,48.9356&radius=800
//	// GET /api/geo/initiatives?bbox=2.35,48.92,2.37,48.94&fields=id,name,categories
package geoapi

import (
	"net/http"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	"github.com/maillage/maillage/internal/rowcache"
)

// Route paths.
const (
	GeoPath       = "/api/geo/{collection}"
	TerritoryPath = "/api/maillage/territory"
)

// GeoJSONContentType is the media type of RFC 7946 documents.
const GeoJSONContentType = "application/geo+json"

// MaxTerritoryBytes bounds an uploaded territory file (the 40 communes of a département
// simplified weigh about 100 KB; IGN's full-resolution ones a few MB).
const MaxTerritoryBytes = 64 << 20

// Register binds the geo routes on app's router when it serves; the features with every
// property are kept in rows (nil: none) for their next readers.
func Register(app core.App, rows *rowcache.Cache) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET(GeoPath, func(e *core.RequestEvent) error { return serveGeo(e, rows) })
		se.Router.POST(TerritoryPath, serveTerritoryImport).
			Bind(apis.RequireSuperuserAuth(), apis.BodyLimit(MaxTerritoryBytes))
		return se.Next()
	})
}

// serveGeo answers GET /api/geo/{collection}.
func serveGeo(e *core.RequestEvent, rows *rowcache.Cache) error {
	c, err := geoCollection(e.App, i18n.Lang(e), e.Request.PathValue("collection"))
	if err != nil {
		return err
	}
	q, err := ParseQuery(e.Request.URL.Query())
	if err == nil {
		err = checkFields(c, q.Fields)
	}
	if err != nil {
		return apis.NewBadRequestError(i18n.Tr(e, "geo_invalid_query", nil), err)
	}
	found, err := find(e, c, q, rows)
	if err != nil {
		return err
	}
	body, err := encodeFeatures(found, q)
	if err != nil {
		return e.InternalServerError("", err)
	}
	return e.Blob(http.StatusOK, GeoJSONContentType, body)
}
