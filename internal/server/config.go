package server

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/basemap"
)

// PathConfig is the route of the PWA's public settings.
const PathConfig = "/api/maillage/config"

// PublicConfig is what the PWA reads at start from GET /api/maillage/config: settings that
// are the same for every visitor and safe to show to anyone.
type PublicConfig struct {
	// TileURL is the base map's tile URL template ({z}/{x}/{y}); empty draws no base tiles.
	TileURL string `json:"tileUrl"`
	// TileAttribution credits the tile provider beside the map.
	TileAttribution string `json:"tileAttribution"`
	// DataLicence, DataLicenceURL and DataAttribution are the licence of the territory's data,
	// which the PWA's detail pages state in their JSON-LD as the exports do.
	DataLicence     string `json:"dataLicence"`
	DataLicenceURL  string `json:"dataLicenceUrl"`
	DataAttribution string `json:"dataAttribution"`
	// AppURL is the application's URL (dashboard: Settings → Application URL), the root of the
	// records' JSON-LD @id, as the exports write them.
	AppURL string `json:"appUrl"`
	// CurrencyName is the territory's local currency (offers of mode localCurrency); empty:
	// the PWA says "local currency".
	CurrencyName string `json:"currencyName"`
	// Basemap is the base map the server serves itself (maillage serve --basemap), null when
	// none; the PWA then draws TileURL's tiles, if any.
	Basemap *basemap.Public `json:"basemap"`
}

// bindConfig serves the PWA's public settings; archive is the served base map, or nil.
func bindConfig(app core.App, cfg Config, archive *basemap.Archive) {
	data := cfg.Export.WithDefaults()
	pub := PublicConfig{TileURL: cfg.TileURL, TileAttribution: cfg.TileAttribution,
		DataLicence: data.Licence, DataLicenceURL: data.LicenceURL, DataAttribution: data.Attribution,
		CurrencyName: cfg.Exchanges.CurrencyName}
	if archive != nil {
		public := archive.Public()
		pub.Basemap = &public
	}
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET(PathConfig, func(e *core.RequestEvent) error {
			e.Response.Header().Set("Cache-Control", "no-cache")
			answer := pub
			answer.AppURL = e.App.Settings().Meta.AppURL // may change in the dashboard at any time
			return e.JSON(http.StatusOK, answer)
		})
		return se.Next()
	})
}
