package basemap

// GET /api/maillage/basemap/size?bbox=W,S,E,N&minzoom=Z&maxzoom=Z: what keeping an area
// offline will download, asked before it starts.

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
)

// serveSize answers {tiles, bytes} of the area, or 400 naming the parameter that is wrong.
func (a *Archive) serveSize(e *core.RequestEvent) error {
	q := e.Request.URL.Query()
	b, err := ParseBBox(q.Get("bbox"))
	if err != nil {
		return badParam("bbox", "basemap_bbox_invalid", nil)
	}
	minZoom, okMin := zoomParam(q.Get("minzoom"), a.header.MinZoom)
	maxZoom, okMax := zoomParam(q.Get("maxzoom"), a.header.MaxZoom)
	if !okMin || !okMax || minZoom > maxZoom {
		return badParam("maxzoom", "basemap_zoom_invalid", nil)
	}
	size, err := a.SizeOf(b, minZoom, maxZoom)
	if errors.Is(err, ErrTooLarge) {
		return badParam("bbox", "basemap_area_too_large", map[string]any{"max": MaxSizeTiles})
	}
	if err != nil {
		return e.InternalServerError("", err)
	}
	e.Response.Header().Set("Cache-Control", "no-cache")
	return e.JSON(http.StatusOK, size)
}

// zoomParam reads a zoom from 0 to 22, def when empty.
func zoomParam(s string, def uint8) (uint8, bool) {
	if s == "" {
		return def, true
	}
	z, err := strconv.ParseUint(s, 10, 8)
	return uint8(z), err == nil && z <= 22
}

// badParam is a 400 whose data names the parameter with a coded, translated message.
func badParam(param, code string, params map[string]any) error {
	err := i18n.NewError(code, params)
	return apis.NewApiError(http.StatusBadRequest, err.Error(), map[string]error{param: err})
}
