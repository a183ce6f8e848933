package geoapi

import (
	"fmt"
	"slices"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// FieldDistance is the property a nearby query adds: the distance to near, in metres.
const FieldDistance = "distance"

// parseFields reads fields=name,name,…: the properties to keep, in order, without repeats;
// empty keeps them all.
func parseFields(v string) []string {
	var names []string
	for _, n := range strings.Split(v, ",") {
		if n = strings.TrimSpace(n); n != "" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return names
}

// checkFields refuses the names in fields that are not properties of c's features: unknown
// names, the location (it is the geometry) and hidden fields, which are never served. The
// error names each and lists the ones available.
func checkFields(c *core.Collection, fields []string) error {
	available := propertyNames(c)
	var unknown []string
	for _, n := range fields {
		if !slices.Contains(available, n) {
			unknown = append(unknown, fmt.Sprintf("%q", n))
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	return validation.Errors{"fields": i18n.NewError("unknown_fields", map[string]any{
		"unknown": strings.Join(unknown, ", "), "collection": c.Name, "available": strings.Join(available, ", "),
	})}
}

// propertyNames are the properties a feature of c may have: its public fields but the
// location, its collectionName, and distance.
func propertyNames(c *core.Collection) []string {
	names := []string{"collectionName"}
	for _, f := range c.Fields {
		if !f.GetHidden() && f.GetName() != s.FieldGeo {
			names = append(names, f.GetName())
		}
	}
	return append(names, FieldDistance)
}
