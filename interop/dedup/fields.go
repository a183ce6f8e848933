package dedup

import (
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	s "github.com/maillage/maillage/schema"
)

// managed are the fields a merge never writes: Maillage keeps them itself (who wrote the record,
// its moderation and visibility, its provenance, its commune from its location).
var managed = map[string]bool{
	"id": true, s.FieldCreated: true, s.FieldUpdated: true, s.FieldAuthor: true, s.FieldStatus: true,
	s.FieldVisibility: true, s.FieldCommunity: true, s.FieldDeleted: true, s.FieldSource: true,
	s.FieldExternalID: true, s.FieldProvenance: true, s.FieldMergedInto: true, s.FieldCommune: true,
	s.FieldGeoOverride: true,
}

// MergeableFields lists the fields of c a merge may take from either record: every field but
// the managed ones, hidden ones and files (photos stay with their record), the name or title
// first, then in the collection's order.
func MergeableFields(c *core.Collection) []string {
	var first, rest []string
	for _, f := range c.Fields {
		switch {
		case managed[f.GetName()], f.GetHidden(), f.Type() == core.FieldTypeFile,
			f.Type() == core.FieldTypeAutodate, f.Type() == core.FieldTypePassword:
			continue
		case f.GetName() == profiles[c.Name].name:
			first = append(first, f.GetName())
		default:
			rest = append(rest, f.GetName())
		}
	}
	return append(first, rest...)
}

// apply writes d's choices onto kept, then fills kept's empty fields from other.
func apply(kept, other *core.Record, d Decision) error {
	allowed := map[string]bool{}
	for _, f := range MergeableFields(kept.Collection()) {
		allowed[f] = true
	}
	pair := map[string]any{"a": kept.Id, "b": other.Id}
	for field, from := range d.Fields {
		if err := checkField(allowed, d, field, "fields."); err != nil {
			return err
		}
		switch from {
		case other.Id:
			kept.Set(field, other.Get(field))
		case kept.Id:
		default:
			return refuse(http.StatusBadRequest, "dedup_choice_not_in_pair", "fields."+field, with(pair, "field", field))
		}
	}
	for field, v := range d.Values {
		if err := checkField(allowed, d, field, "values."); err != nil {
			return err
		}
		kept.Set(field, v)
	}
	fillEmpty(kept, other, d)
	return nil
}

// checkField refuses a field a merge may not write, or one chosen twice.
func checkField(allowed map[string]bool, d Decision, field, prefix string) error {
	if !allowed[field] {
		return refuse(http.StatusBadRequest, "dedup_field_not_mergeable", prefix+field, map[string]any{"field": field})
	}
	_, inFields := d.Fields[field]
	_, inValues := d.Values[field]
	if inFields && inValues {
		return refuse(http.StatusBadRequest, "dedup_field_twice", prefix+field, map[string]any{"field": field})
	}
	return nil
}

// fillEmpty gives kept other's value for every mergeable field the decision leaves out and
// kept lacks.
func fillEmpty(kept, other *core.Record, d Decision) {
	for _, f := range MergeableFields(kept.Collection()) {
		_, inFields := d.Fields[f]
		_, inValues := d.Values[f]
		if !inFields && !inValues && isEmpty(kept.Get(f)) && !isEmpty(other.Get(f)) {
			kept.Set(f, other.Get(f))
		}
	}
}

// isEmpty reports whether a field value holds nothing. Booleans and numbers always hold a
// value: false and 0 are choices too.
func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(x) == ""
	case []string:
		return len(x) == 0
	case types.GeoPoint:
		return x.Lon == 0 && x.Lat == 0
	case types.DateTime:
		return x.IsZero()
	case types.JSONRaw:
		t := strings.TrimSpace(string(x))
		return t == "" || t == "null" || t == "[]" || t == "{}"
	}
	return false
}

func with(m map[string]any, k string, v any) map[string]any {
	out := map[string]any{k: v}
	for key, val := range m {
		out[key] = val
	}
	return out
}
