package testapp

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Awkward is text that JSON writers escape in different ways: quotes, HTML, the JavaScript
// line separators, control characters and a byte that is not UTF-8. Tests that compare a
// hand-written JSON path with PocketBase's fill records with it.
const Awkward = "Tiers-lieu \"Le Relais\" <b>&</b> à Saint-Denis\u2028\u2029\ttab\nnew line \x01\b\f \\ fin \xff"

// FillValue returns an awkward value of f's type (i varies numbers), nil for the id.
func FillValue(f core.Field, i int) any {
	switch f := f.(type) {
	case *core.TextField:
		if f.GetName() == core.FieldNameId {
			return nil
		}
		return Awkward
	case *core.EditorField:
		return "<p>" + Awkward + "</p>"
	case *core.URLField:
		return "https://example.org/a?b=1&c=<2>"
	case *core.EmailField:
		return "someone@example.org"
	case *core.NumberField:
		return []float64{-1.25e-7, 1e21, 42, 0.1, 123456789.5}[i%5]
	case *core.BoolField:
		return true
	case *core.DateField:
		return "2026-11-29 22:10:05.123Z"
	}
	return fillListOrValue(f)
}

// fillListOrValue is FillValue for the fields that hold lists or structured values.
func fillListOrValue(f core.Field) any {
	switch f := f.(type) {
	case *core.SelectField:
		return firstValues(f.Values, f.IsMultiple())
	case *core.RelationField:
		return firstValues([]string{"aaaaaaaaaaaaaa1", "aaaaaaaaaaaaaa2"}, f.IsMultiple())
	case *core.FileField:
		return firstValues([]string{"photo_a1b2c3d4e5.jpg", "plan_f6g7h8.pdf"}, f.IsMultiple())
	case *core.JSONField:
		return types.JSONRaw(`{ "tags": ["a<b", 2.5, null], "n": 1e-7 }`)
	case *core.GeoPointField:
		return types.GeoPoint{Lon: 2.3601, Lat: 48.9362}
	}
	return nil
}

// firstValues is the first two values for a multiple field, the first one otherwise.
func firstValues(values []string, multiple bool) any {
	if multiple {
		return values[:min(2, len(values))]
	}
	if len(values) == 0 {
		return ""
	}
	return values[0]
}
