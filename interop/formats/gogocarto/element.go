package gogocarto

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/formats/fields"
	"github.com/maillage/maillage/interop/formats/geojson"
)

// element is the part of a gogofull element Maillage reads; everything else of it is kept in
// Item.Extra (scalars as text, the rest as JSON).
type element struct {
	ID                 json.RawMessage   `json:"id"`
	Name               string            `json:"name"`
	Geo                *position         `json:"geo"`
	Shape              json.RawMessage   `json:"geoJSONFeature"`
	Address            json.RawMessage   `json:"address"`
	Description        string            `json:"description"`
	DescriptionMore    string            `json:"descriptionMore"`
	Telephone          string            `json:"telephone"`
	Website            string            `json:"website"`
	Email              string            `json:"email"`
	OpenHours          json.RawMessage   `json:"openHours"`
	OpenHoursMoreInfos string            `json:"openHoursMoreInfos"`
	OpenHoursLegacy    string            `json:"openhours_more_infos"`
	Categories         []json.RawMessage `json:"categories"`
	CategoriesFull     []struct {
		Name string `json:"name"`
	} `json:"categoriesFull"`
	OptionValues []json.RawMessage `json:"optionValues"`
	Taxonomy     []json.RawMessage `json:"taxonomy"`
}

// position is a GoGoCarto geo member, whose numbers are sometimes written as strings.
type position struct {
	Latitude  json.RawMessage `json:"latitude"`
	Longitude json.RawMessage `json:"longitude"`
}

// readElement reads one element; names maps taxonomy ids to category names.
func readElement(raw json.RawMessage, label string, names map[string]string) (interop.Item, *interop.Problem) {
	var e element
	if err := json.Unmarshal(raw, &e); err != nil {
		p := fields.Problem(label, CodeNotAnObject, "kind", kindOf(raw))
		return interop.Item{}, &p
	}
	it := interop.Item{
		ExternalID: text(e.ID), Label: fields.Label(label, e.Name), Name: strings.TrimSpace(e.Name),
		Description: joinText("\n\n", e.Description, e.DescriptionMore), Phone: strings.TrimSpace(e.Telephone),
		Website: strings.TrimSpace(e.Website), Email: email(e.Email), Address: address(e.Address),
		OpeningHours: joinText("; ", week(e.OpenHours), e.OpenHoursMoreInfos, e.OpenHoursLegacy),
		Categories:   e.categories(names), Extra: extra(raw),
	}
	geo, problem := e.location(it.Label)
	if problem != nil {
		return it, problem
	}
	it.Geo = geo
	if it.ExternalID == "" {
		it.ExternalID = fields.Identity(it)
	}
	return it, nil
}

// location reads geo, else the representative point of the element's GeoJSON shape.
func (e element) location(label string) (*interop.Point, *interop.Problem) {
	if e.Geo != nil && (len(e.Geo.Latitude) > 0 || len(e.Geo.Longitude) > 0) {
		lat, okLat := fields.Coordinate(text(e.Geo.Latitude))
		lon, okLon := fields.Coordinate(text(e.Geo.Longitude))
		if p, ok := fields.NewPoint(lon, lat); ok && okLat && okLon {
			return p, nil
		}
		p := fields.Problem(label, fields.CodeBadCoordinates, "lat", text(e.Geo.Latitude), "lon", text(e.Geo.Longitude))
		return nil, &p
	}
	var feature struct {
		Geometry json.RawMessage `json:"geometry"`
	}
	if json.Unmarshal(e.Shape, &feature) != nil {
		return nil, nil
	}
	p, err := geojson.Representative(feature.Geometry)
	var pe *geojson.PositionError
	switch {
	case errors.As(err, &pe):
		problem := fields.Problem(label, fields.CodeBadCoordinates, "lat", fmt.Sprint(pe.Lat), "lon", fmt.Sprint(pe.Lon))
		return nil, &problem
	case err != nil:
		problem := fields.Problem(label, geojson.CodeBadFeature, "detail", err.Error())
		return nil, &problem
	}
	return p, nil
}

// categories names the element's categories: by name when the export gives them, else its
// option ids named through the taxonomy (an id the taxonomy lacks is kept as it is).
func (e element) categories(names map[string]string) []string {
	var out []string
	for _, c := range e.CategoriesFull {
		out = appendText(out, c.Name)
	}
	if len(out) > 0 {
		return out
	}
	for _, list := range [][]json.RawMessage{e.Categories, e.OptionValues, e.Taxonomy} {
		for _, raw := range list {
			id := optionID(raw)
			if name, ok := names[id]; ok {
				id = name
			}
			out = appendText(out, id)
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// optionID reads an option value: an id (number or string) or an object with an id.
func optionID(raw json.RawMessage) string {
	var obj struct {
		ID json.RawMessage `json:"id"`
	}
	if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) && json.Unmarshal(raw, &obj) == nil {
		return text(obj.ID)
	}
	return text(raw)
}

func appendText(list []string, v string) []string {
	if v = strings.TrimSpace(v); v != "" {
		return append(list, v)
	}
	return list
}
