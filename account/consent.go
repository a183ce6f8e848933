package account

import (
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// codeGeoConsent: an exact location was sent for a profile without the person's consent.
const codeGeoConsent = "account_geo_consent"

// bindConsent keeps an exact location on a profile only with the person's explicit consent,
// on every write path (REST, batch, dashboard, sync).
func bindConsent(app core.App) {
	app.OnRecordValidate(s.Users).BindFunc(func(e *core.RecordEvent) error {
		if err := checkGeoConsent(e.Record); err != nil {
			return err
		}
		return e.Next()
	})
}

// checkGeoConsent refuses a new point without consent, and forgets the stored point when
// consent is withdrawn.
func checkGeoConsent(rec *core.Record) error {
	if rec.GetBool(s.FieldGeoConsent) {
		return nil
	}
	p := rec.GetGeoPoint(s.FieldGeo)
	if p.Lon == 0 && p.Lat == 0 {
		return nil
	}
	if rec.IsNew() || geoChanged(rec) {
		return validation.Errors{s.FieldGeo: i18n.NewError(codeGeoConsent, nil)}
	}
	rec.Set(s.FieldGeo, types.GeoPoint{})
	return nil
}

// geoChanged reports whether a stored record's point changes in this save.
func geoChanged(rec *core.Record) bool {
	before, after := rec.Original().GetGeoPoint(s.FieldGeo), rec.GetGeoPoint(s.FieldGeo)
	return before.Lon != after.Lon || before.Lat != after.Lat
}
