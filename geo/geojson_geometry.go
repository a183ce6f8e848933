package geo

import (
	"encoding/json"
	"fmt"
)

// geometry checks a geometry object; depth counts enclosing GeometryCollections.
func (v *validator) geometry(where string, raw any, depth int) {
	obj, ok := raw.(map[string]any)
	if !ok {
		v.fail(where, "a geometry must be an object or null, not %s", kindOf(raw))
		return
	}
	t := v.typeOf(where, obj)
	if t == "" {
		return
	}
	if !geometryTypes[t] {
		v.fail(where, "a %s is not a geometry; expected Point, LineString, Polygon, their Multi forms or GeometryCollection", t)
		return
	}
	v.members(where, "geometry", obj)
	if t == "GeometryCollection" {
		v.geometryCollection(where, obj, depth)
		return
	}
	coords, ok := obj["coordinates"]
	if !ok {
		v.fail(where, `"coordinates" member required in a %s`, t)
		return
	}
	v.coordinates(join(where, "coordinates"), t, coords)
}

func (v *validator) geometryCollection(where string, obj map[string]any, depth int) {
	raw, ok := obj["geometries"]
	if !ok {
		v.fail(where, `"geometries" member required in a GeometryCollection`)
		return
	}
	list, ok := raw.([]any)
	if !ok {
		v.fail(join(where, "geometries"), "geometries must be an array, not %s", kindOf(raw))
		return
	}
	if depth > 0 {
		v.warn(where, "nested GeometryCollection: RFC 7946 says to avoid them; accepted")
	}
	if len(list) == 1 {
		v.warn(where, "GeometryCollection with a single geometry: RFC 7946 prefers the geometry itself; accepted")
	}
	for i, g := range list {
		at := join(where, fmt.Sprintf("geometries[%d]", i))
		if g == nil {
			v.fail(at, "the geometries of a GeometryCollection must be geometry objects, found null")
			continue
		}
		v.geometry(at, g, depth+1)
	}
}

// coordinates checks the coordinates of a geometry of type t. An empty array is an empty
// geometry, which RFC 7946 allows.
func (v *validator) coordinates(where, t string, raw any) {
	if arr, ok := raw.([]any); ok && len(arr) == 0 {
		return
	}
	switch t {
	case "Point":
		v.position(where, raw)
	case "MultiPoint":
		v.positions(where, raw)
	case "LineString":
		v.line(where, raw)
	case "MultiLineString":
		v.each(where, raw, v.line)
	case "Polygon":
		v.polygon(where, raw)
	case "MultiPolygon":
		v.each(where, raw, v.polygon)
	}
}

// each checks every element of the array raw with check.
func (v *validator) each(where string, raw any, check func(string, any) []pos) {
	arr, ok := v.array(where, raw)
	for i := 0; ok && i < len(arr); i++ {
		check(fmt.Sprintf("%s[%d]", where, i), arr[i])
	}
}

func (v *validator) array(where string, raw any) ([]any, bool) {
	arr, ok := raw.([]any)
	if ok {
		return arr, true
	}
	if _, isNum := raw.(json.Number); isNum {
		v.fail(where, "a number was found where an array was expected: the coordinates need one more level of nesting for this geometry type")
	} else {
		v.fail(where, "coordinates must be arrays, found %s", kindOf(raw))
	}
	return nil, false
}

// pos is a checked position.
type pos []float64

func (v *validator) position(where string, raw any) pos {
	arr, ok := v.array(where, raw)
	if !ok {
		return nil
	}
	if len(arr) < 2 {
		v.fail(where, "a position needs at least 2 numbers (longitude, latitude), has %d", len(arr))
		return nil
	}
	p := make(pos, len(arr))
	for i, x := range arr {
		n, ok := x.(json.Number)
		f, err := n.Float64()
		if !ok || err != nil {
			v.fail(where, "each element of a position must be a number, found %s", describe(x))
			return nil
		}
		p[i] = f
	}
	if len(arr) > 3 {
		v.warn(where, "a position has %d elements; RFC 7946 says not to go beyond 3 (only the first 3 are used)", len(arr))
	}
	return p
}

// positions checks an array of positions, returning nil when one is wrong.
func (v *validator) positions(where string, raw any) []pos {
	arr, ok := v.array(where, raw)
	if !ok {
		return nil
	}
	out := make([]pos, 0, len(arr))
	for i, x := range arr {
		p := v.position(fmt.Sprintf("%s[%d]", where, i), x)
		if p == nil {
			return nil
		}
		out = append(out, p)
	}
	return out
}

func (v *validator) line(where string, raw any) []pos {
	ps := v.positions(where, raw)
	if ps != nil && len(ps) < 2 {
		v.fail(where, "a line needs 2 or more positions, has %d", len(ps))
	}
	return ps
}

func (v *validator) polygon(where string, raw any) []pos {
	arr, ok := v.array(where, raw)
	for i := 0; ok && i < len(arr); i++ {
		at := fmt.Sprintf("%s[%d]", where, i)
		if ring := v.ring(at, arr[i]); ring != nil {
			v.winding(at, ring, i == 0)
		}
	}
	return nil
}

// ring checks a linear ring: 4 or more positions, the last equal to the first.
func (v *validator) ring(where string, raw any) []pos {
	ps := v.positions(where, raw)
	if ps == nil {
		return nil
	}
	if len(ps) < 4 {
		v.fail(where, "a polygon ring needs 4 or more positions (a closed triangle at least), has %d", len(ps))
		return nil
	}
	if !samePos(ps[0], ps[len(ps)-1]) {
		v.fail(where, "a polygon ring must be closed: its last position must repeat its first")
		return nil
	}
	return ps
}

func samePos(a, b pos) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// winding warns when a ring breaks RFC 7946's right-hand rule (outer rings counterclockwise,
// holes clockwise). Maillage accepts both windings: many real files, IGN's included, are the
// other way round.
func (v *validator) winding(where string, ring []pos, outer bool) {
	var area float64
	for i := 0; i+1 < len(ring); i++ {
		area += ring[i][0]*ring[i+1][1] - ring[i+1][0]*ring[i][1]
	}
	if ccw := area > 0; ccw != outer && area != 0 {
		v.warn(where, "ring does not follow the right-hand rule (winding order); accepted")
	}
}
