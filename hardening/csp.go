package hardening

import (
	"net/url"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// HeaderCSP is the name of the Content-Security-Policy header.
const HeaderCSP = "Content-Security-Policy"

// dashboardPrefix is PocketBase's dashboard, which keeps its own headers (it runs inline code).
const dashboardPrefix = "/_/"

// Policy is the PWA's Content-Security-Policy: scripts, styles, workers and requests from the
// server itself only; images also from blob: (photos picked on the device), data: (Leaflet's
// and the PWA's small inline images) and the tile server of tileURL, which requests may reach
// too (the service worker and "keep this area" fetch tiles); no plugin, no framing, no <base>.
func Policy(tileURL string) string {
	tiles := tileSource(tileURL)
	directives := []string{
		"default-src 'self'",
		"script-src 'self'",
		"style-src 'self'",
		"img-src " + join("'self' blob: data:", tiles),
		"connect-src " + join("'self'", tiles),
		"worker-src 'self'",
		"manifest-src 'self'",
		"object-src 'none'",
		"base-uri 'self'",
		"form-action 'self'",
		"frame-ancestors 'none'",
	}
	return strings.Join(directives, "; ")
}

// join appends source to list when there is one.
func join(list, source string) string {
	if source == "" {
		return list
	}
	return list + " " + source
}

// tileSource is the CSP source of a tile URL template's server: its origin, with a leftmost
// label holding a placeholder ({s}) written as a wildcard; "" for a template on the server
// itself or none; the scheme alone when the host cannot be written as a source.
func tileSource(template string) string {
	scheme, rest, ok := strings.Cut(template, "://")
	if !ok || (scheme != "https" && scheme != "http") {
		return ""
	}
	host, _, _ := strings.Cut(rest, "/")
	first, others, _ := strings.Cut(host, ".")
	if strings.Contains(first, "{") && others != "" {
		host = "*." + others
	}
	if strings.ContainsAny(strings.TrimPrefix(host, "*."), "{}*") || !validHost(host) {
		return scheme + ":"
	}
	return scheme + "://" + host
}

// validHost reports whether host (with an optional port) parses as a URL's host.
func validHost(host string) bool {
	u, err := url.Parse("https://" + strings.TrimPrefix(host, "*."))
	return err == nil && u.Host != "" && u.Path == ""
}

// bindCSP sets policy on every answer but the dashboard's, before any handler writes.
func bindCSP(app core.App, policy string) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id: "maillageCSP",
			Func: func(e *core.RequestEvent) error {
				if !strings.HasPrefix(e.Request.URL.Path, dashboardPrefix) {
					e.Response.Header().Set(HeaderCSP, policy)
				}
				return e.Next()
			},
		})
		return se.Next()
	})
}
