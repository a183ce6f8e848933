package hooks

import (
	"math"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// DefaultOutsideMarginMeters is how far outside every commune a location may lie and still be
// accepted (and given the nearest commune) when GeoConfig leaves it 0.
const DefaultOutsideMarginMeters = 2000

// GeoConfig configures the territory rules.
type GeoConfig struct {
	// OutsideMarginMeters is how far outside the territory a location is still accepted;
	// 0 means DefaultOutsideMarginMeters, a negative value no margin at all.
	OutsideMarginMeters float64
	// BlurSecret seeds the location blur's jitter; empty uses the random secret the migration
	// stored in the database (stable across restarts and restores).
	BlurSecret []byte
}

func (c GeoConfig) margin() float64 {
	switch {
	case c.OutsideMarginMeters == 0:
		return DefaultOutsideMarginMeters
	case c.OutsideMarginMeters < 0:
		return 0
	default:
		return c.OutsideMarginMeters
	}
}

// bindGeo installs the territory rules: commune assignment and the outside-territory check on
// every save of content, location blurring on every read, and the spatial index.
func bindGeo(app core.App, cfg GeoConfig) {
	territory := newTerritoryCache(app)
	app.OnRecordValidate(s.Content...).BindFunc(func(e *core.RecordEvent) error {
		if err := assignCommune(territory.get(e.App), cfg.margin(), e.Record); err != nil {
			return err
		}
		return e.Next()
	})
	bindBlur(app, cfg.BlurSecret)
	bindGeoFilterGuard(app)
	bindGeoIndex(app)
}

// assignCommune sets rec's commune from its location, or refuses a location beyond margin
// metres outside the territory unless a moderator overrode it. Without a location or a
// territory it does nothing.
func assignCommune(territory *geo.Territory, margin float64, rec *core.Record) error {
	p := point(rec.GetGeoPoint(s.FieldGeo))
	if p.IsZero() {
		return nil
	}
	m, ok := territory.Locate(p)
	if !ok {
		return nil
	}
	override := overrideApplies(rec)
	if !override && rec.GetBool(s.FieldGeoOverride) {
		rec.Set(s.FieldGeoOverride, false) // the point moved since a moderator accepted it
	}
	switch {
	case m.Inside || m.DistanceMeters <= margin:
		rec.Set(s.FieldCommune, m.Commune.ID)
	case override:
		rec.Set(s.FieldCommune, "")
	default:
		return validation.Errors{s.FieldGeo: outsideError(m, margin)}
	}
	return nil
}

// overrideApplies reports whether a moderator's geoOverride covers rec's current location: set
// in this very write, or set earlier on a point that has not moved since.
func overrideApplies(rec *core.Record) bool {
	if !rec.GetBool(s.FieldGeoOverride) {
		return false
	}
	if rec.IsNew() {
		return true
	}
	orig := rec.Original()
	return !orig.GetBool(s.FieldGeoOverride) || orig.GetGeoPoint(s.FieldGeo) == rec.GetGeoPoint(s.FieldGeo)
}

// outsideError says how far the point is, from which commune, and what to do; the distances
// are in kilometres, to 0.1 km.
func outsideError(m geo.Match, margin float64) error {
	return i18n.NewError(codeOutside, map[string]any{
		"km": roundKm(m.DistanceMeters), "commune": m.Commune.Name, "margin": roundKm(margin),
	})
}

func roundKm(metres float64) float64 { return math.Round(metres/100) / 10 }

func point(p types.GeoPoint) geo.Point { return geo.Point{Lon: p.Lon, Lat: p.Lat} }
