package network

import (
	"net/http"
	"slices"
	"strings"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// Paths of the network's routes.
const (
	PathNetwork = "/api/maillage/network"
	PathKumu    = "/api/maillage/network/kumu.json"
	PathGEXF    = "/api/maillage/network.gexf"
)

// codeTypeUnknown: the type filter names no link type.
const codeTypeUnknown = "network_type_unknown"

func bindRoutes(se *core.ServeEvent) {
	se.Router.GET(PathNetwork, serveNetwork)
	se.Router.GET(PathKumu, serveKumu)
	se.Router.GET(PathGEXF, serveGEXF)
}

// serveNetwork answers {"nodes":[…],"edges":[…]}: the network the requester may read.
func serveNetwork(e *core.RequestEvent) error {
	g, err := requestedGraph(e)
	if err != nil {
		return err
	}
	return e.JSON(http.StatusOK, g)
}

// serveKumu answers the network as a Kumu blueprint (JSON import), as a file to download.
func serveKumu(e *core.RequestEvent) error {
	g, l, err := graphAndLabels(e)
	if err != nil {
		return err
	}
	e.Response.Header().Set("Content-Disposition", `attachment; filename="maillage-network-kumu.json"`)
	return e.JSON(http.StatusOK, Kumu(g, l, baseURL(e)))
}

// serveGEXF answers the network as a GEXF 1.3 document for Gephi, as a file to download.
func serveGEXF(e *core.RequestEvent) error {
	g, l, err := graphAndLabels(e)
	if err != nil {
		return err
	}
	h := e.Response.Header()
	h.Set("Content-Type", "application/gexf+xml; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="maillage-network.gexf"`)
	e.Response.WriteHeader(http.StatusOK)
	return WriteGEXF(e.Response, g, l, baseURL(e), time.Now())
}

func graphAndLabels(e *core.RequestEvent) (*Graph, *labels, error) {
	g, err := requestedGraph(e)
	if err != nil {
		return nil, nil, err
	}
	l, err := loadLabels(e.App, i18n.Lang(e))
	return g, l, err
}

// requestedGraph builds the network of the request's filters for its requester.
func requestedGraph(e *core.RequestEvent) (*Graph, error) {
	q := e.Request.URL.Query()
	f := Filter{Type: q.Get("type"), Category: q.Get("category"), Commune: q.Get("commune")}
	if f.Type != "" && !slices.Contains(s.LinkTypes, f.Type) {
		lang := i18n.Lang(e)
		return nil, apis.NewBadRequestError(i18n.T(lang, codeTypeUnknown, nil),
			validation.Errors{"type": i18n.NewError(codeTypeUnknown, nil)})
	}
	info, err := e.RequestInfo()
	if err != nil {
		return nil, err
	}
	return Build(e.App, info, f)
}

// baseURL is the site's address: the application URL of the settings when one was set (not
// PocketBase's default, http://localhost:8090), the request's otherwise.
func baseURL(e *core.RequestEvent) string {
	if u := strings.TrimRight(e.App.Settings().Meta.AppURL, "/"); u != "" && u != "http://localhost:8090" {
		return u
	}
	scheme := "http"
	if e.Request.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + e.Request.Host
}
