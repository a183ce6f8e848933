package push

import (
	"slices"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// Codes of the preferences refusals (i18n/messages_push.go).
const (
	codeNearConsent = "push_near_consent"
	codeNearPoint   = "push_near_point"
	codeNearRadius  = "push_near_radius"
)

// preferences is what one person chose to receive.
type preferences struct {
	messages, replies, decisions bool
	near                         []string // collections: events, offers
	point                        geo.Point
	radiusKm                     float64
	categories                   []string // empty: every category
}

// defaultPreferences apply to a person who never chose: what concerns them directly, and
// nothing "near me" (that needs a point they gave with consent).
var defaultPreferences = preferences{messages: true, replies: true, decisions: true}

// bindPreferences checks every saved preferences record: "near me" needs consent, a point and
// a radius; without consent no point is kept at all.
func bindPreferences(app core.App) {
	app.OnRecordValidate(s.NotificationPreferences).BindFunc(func(e *core.RecordEvent) error {
		if err := checkPreferences(e.Record); err != nil {
			return err
		}
		return e.Next()
	})
}

// checkPreferences is the rule of bindPreferences over one record.
func checkPreferences(rec *core.Record) error {
	if !rec.GetBool(s.FieldPrefNearConsent) {
		rec.Set(s.FieldPrefNearPoint, types.GeoPoint{})
	}
	if len(rec.GetStringSlice(s.FieldPrefNear)) == 0 {
		return nil
	}
	p := rec.GetGeoPoint(s.FieldPrefNearPoint)
	radius := rec.GetFloat(s.FieldPrefNearRadius)
	switch {
	case !rec.GetBool(s.FieldPrefNearConsent):
		return validation.Errors{s.FieldPrefNearConsent: i18n.NewError(codeNearConsent, nil)}
	case p.Lon == 0 && p.Lat == 0:
		return validation.Errors{s.FieldPrefNearPoint: i18n.NewError(codeNearPoint, nil)}
	case radius < s.NearRadiusMinKm || radius > s.NearRadiusMaxKm:
		return validation.Errors{s.FieldPrefNearRadius: i18n.NewError(codeNearRadius,
			map[string]any{"min": float64(s.NearRadiusMinKm), "max": float64(s.NearRadiusMaxKm)})}
	}
	return nil
}

// preferencesOf returns userID's preferences, the defaults when they never chose.
func preferencesOf(app core.App, userID string) preferences {
	rec, err := app.FindFirstRecordByFilter(s.NotificationPreferences, "user = {:u}", dbx.Params{"u": userID})
	if err != nil {
		return defaultPreferences
	}
	return preferencesFrom(rec)
}

// preferencesFrom reads a preferences record.
func preferencesFrom(rec *core.Record) preferences {
	p := rec.GetGeoPoint(s.FieldPrefNearPoint)
	prefs := preferences{
		messages:   rec.GetBool(s.FieldPrefMessages),
		replies:    rec.GetBool(s.FieldPrefReplies),
		decisions:  rec.GetBool(s.FieldPrefDecisions),
		radiusKm:   rec.GetFloat(s.FieldPrefNearRadius),
		categories: rec.GetStringSlice(s.FieldPrefNearCategories),
	}
	if rec.GetBool(s.FieldPrefNearConsent) {
		prefs.near = rec.GetStringSlice(s.FieldPrefNear)
		prefs.point = geo.Point{Lon: p.Lon, Lat: p.Lat}
	}
	return prefs
}

// wantsNear reports whether the preferences ask for collection's records published within
// their radius of at (a point of the record as this person may see it) in their categories.
func (p preferences) wantsNear(collection string, at geo.Point, categories []string) bool {
	if !slices.Contains(p.near, collection) || p.point.IsZero() || at.IsZero() {
		return false
	}
	if geo.DistanceMeters(p.point, at) > p.radiusKm*1000 {
		return false
	}
	if len(p.categories) == 0 {
		return true
	}
	for _, c := range categories {
		if slices.Contains(p.categories, c) {
			return true
		}
	}
	return false
}
