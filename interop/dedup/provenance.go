package dedup

import (
	"encoding/json"
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	s "github.com/maillage/maillage/schema"
)

// Origin is one source a record's values came from: the source's name and the item's id
// there, with the source's licence and attribution when Maillage knows them (from sources).
type Origin struct {
	Source      string `json:"source"`
	ExternalID  string `json:"externalId"`
	Licence     string `json:"licence,omitempty"`
	Attribution string `json:"attribution,omitempty"`
}

// Provenance lists the sources of rec: its provenance field when a merge wrote it, else its own
// source and externalId (none for a record made in Maillage).
func Provenance(app core.App, rec *core.Record) ([]Origin, error) {
	var list []Origin
	if raw := rawJSON(rec.Get(s.FieldProvenance)); len(raw) > 0 && string(raw) != "null" {
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, fmt.Errorf("provenance of %s: %w", rec.Id, err)
		}
	}
	if len(list) > 0 || rec.GetString(s.FieldSource) == "" {
		return list, nil
	}
	o := Origin{Source: rec.GetString(s.FieldSource), ExternalID: rec.GetString(s.FieldExternalID)}
	o.Licence, o.Attribution = sourceTerms(app, o.Source)
	return []Origin{o}, nil
}

// rawJSON is a JSON field's value as bytes.
func rawJSON(v any) []byte {
	switch x := v.(type) {
	case types.JSONRaw:
		return x
	case []byte:
		return x
	case string:
		return []byte(x)
	case nil:
		return nil
	}
	b, _ := json.Marshal(v)
	return b
}

// sourceTerms reads a scheduled source's licence and attribution; "" when there is no such
// source (an import from the command line names its source freely).
func sourceTerms(app core.App, name string) (licence, attribution string) {
	var row struct {
		Licence     string `db:"licence"`
		Attribution string `db:"attribution"`
	}
	err := app.DB().Select(s.FieldSourceLicence+" AS licence", s.FieldSourceAttribution+" AS attribution").
		From(s.Sources).Where(dbx.HashExp{s.FieldSourceName: name}).Limit(1).One(&row)
	if err != nil {
		return "", ""
	}
	return row.Licence, row.Attribution
}

// mergedProvenance is the provenance of kept once other is merged into it: both lists, each
// source item once.
func mergedProvenance(app core.App, kept, other *core.Record) ([]Origin, error) {
	a, err := Provenance(app, kept)
	if err != nil {
		return nil, err
	}
	b, err := Provenance(app, other)
	if err != nil {
		return nil, err
	}
	out := []Origin{}
	seen := map[Origin]bool{}
	for _, o := range append(a, b...) {
		key := Origin{Source: o.Source, ExternalID: o.ExternalID}
		if !seen[key] {
			seen[key] = true
			out = append(out, o)
		}
	}
	return out, nil
}
