package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"

	"github.com/maillage/maillage/demo/dataset"
)

// area is one polygon of the (2018) boundary file: a commune then, possibly merged since.
type area struct {
	code     string // INSEE code of the area
	locality string // its current official name (a commune déléguée keeps its own)
	commune  string // code of the commune it belongs to today
	poly     dataset.Polygon
}

// territory is the boundary file read with today's official geography.
type territory struct {
	areas []area
	names map[string]string // current commune code → official name
}

// readTerritory reads the Plaine Commune polygons and applies the current COG: official names
// and mergers (Pierrefitte-sur-Seine became a commune déléguée of Saint-Denis on 2025-01-01).
func readTerritory(dataDir string) (*territory, error) {
	cog, err := readCOG(filepath.Join(dataDir, "boundaries", "cog-communes-93.csv"))
	if err != nil {
		return nil, err
	}
	fc, err := readBoundaries(filepath.Join(dataDir, "boundaries", "plaine-commune-9-communes.geojson"))
	if err != nil {
		return nil, err
	}
	t := &territory{names: map[string]string{}}
	for _, f := range fc.Features {
		a, err := cog.area(f.Properties.Code, f.Geometry)
		if err != nil {
			return nil, err
		}
		t.areas = append(t.areas, a)
		t.names[a.commune] = cog.names[a.commune]
	}
	return t, nil
}

type featureCollection struct {
	Features []struct {
		Properties struct {
			Code string `json:"code"`
		} `json:"properties"`
		Geometry dataset.Geometry `json:"geometry"`
	} `json:"features"`
}

func readBoundaries(path string) (*featureCollection, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read boundaries: %w", err)
	}
	var fc featureCollection
	if err := json.Unmarshal(b, &fc); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	return &fc, nil
}

// cog holds the official names of current communes and the parents of communes déléguées.
type cog struct {
	names   map[string]string // COM code → LIBELLE
	deleg   map[string]string // COMD code → LIBELLE
	parents map[string]string // COMD code → COMPARENT
}

func readCOG(path string) (*cog, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open cog: %w", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	c := &cog{names: map[string]string{}, deleg: map[string]string{}, parents: map[string]string{}}
	col := columns(rows[0])
	for _, r := range rows[1:] {
		code, name := r[col["COM"]], r[col["LIBELLE"]]
		switch r[col["TYPECOM"]] {
		case "COM":
			c.names[code] = name
		case "COMD":
			c.deleg[code], c.parents[code] = name, r[col["COMPARENT"]]
		}
	}
	return c, nil
}

func columns(header []string) map[string]int {
	m := make(map[string]int, len(header))
	for i, h := range header {
		m[h] = i
	}
	return m
}

// area maps a 2018 polygon to today's geography: a current commune, or a commune déléguée
// merged into its parent.
func (c *cog) area(code string, g dataset.Geometry) (area, error) {
	if len(g.Polygons) != 1 {
		return area{}, fmt.Errorf("boundary %s: want one polygon, got %d", code, len(g.Polygons))
	}
	poly := rewind(g.Polygons[0])
	if name, ok := c.names[code]; ok {
		return area{code: code, locality: name, commune: code, poly: poly}, nil
	}
	if parent, ok := c.parents[code]; ok {
		return area{code: code, locality: c.deleg[code], commune: parent, poly: poly}, nil
	}
	return area{}, fmt.Errorf("commune %s is not in the COG: update cog-communes-93.csv", code)
}

// rewind orients rings as RFC 7946 asks (exterior counterclockwise, holes clockwise); the
// source rings are clockwise.
func rewind(p dataset.Polygon) dataset.Polygon {
	out := make(dataset.Polygon, len(p))
	for i, r := range p {
		ccw := dataset.SignedArea(r) > 0
		if ccw == (i == 0) {
			out[i] = r
			continue
		}
		rev := make(dataset.Ring, len(r))
		for j := range r {
			rev[j] = r[len(r)-1-j]
		}
		out[i] = rev
	}
	return out
}

// locate returns the area that contains p.
func (t *territory) locate(p dataset.Point) (area, bool) {
	for _, a := range t.areas {
		if dataset.Contains(dataset.Geometry{Type: dataset.TypePolygon, Polygons: []dataset.Polygon{a.poly}}, p) {
			return a, true
		}
	}
	return area{}, false
}

// communes returns today's communes sorted by code, a merged commune's boundary being the
// MultiPolygon of its areas.
func (t *territory) communes() []dataset.Commune {
	byCode := map[string][]dataset.Polygon{}
	for _, a := range t.areas {
		byCode[a.commune] = append(byCode[a.commune], a.poly)
	}
	codes := make([]string, 0, len(byCode))
	for code := range byCode {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	out := make([]dataset.Commune, 0, len(codes))
	for _, code := range codes {
		g := dataset.Geometry{Type: dataset.TypePolygon, Polygons: byCode[code]}
		if len(g.Polygons) > 1 {
			g.Type = dataset.TypeMultiPolygon
		}
		out = append(out, dataset.Commune{Code: code, Name: t.names[code], Boundary: g, Center: center(g)})
	}
	return out
}

// center is a point inside g: the middle of the widest stretch of a horizontal line crossing
// its largest polygon (a centroid can fall outside a concave commune).
func center(g dataset.Geometry) dataset.Point {
	poly := largest(g.Polygons)
	minLat, maxLat := latRange(poly[0])
	for _, f := range []float64{0.5, 0.4, 0.6, 0.3, 0.7} {
		lat := round(minLat+(maxLat-minLat)*f, 5)
		if p, ok := widestStretch(poly, lat); ok && dataset.Contains(g, p) {
			return p
		}
	}
	return dataset.Point{Lon: poly[0][0][0], Lat: poly[0][0][1]}
}

func largest(ps []dataset.Polygon) dataset.Polygon {
	best := ps[0]
	for _, p := range ps[1:] {
		if math.Abs(dataset.SignedArea(p[0])) > math.Abs(dataset.SignedArea(best[0])) {
			best = p
		}
	}
	return best
}

func latRange(r dataset.Ring) (float64, float64) {
	lo, hi := r[0][1], r[0][1]
	for _, c := range r {
		lo, hi = math.Min(lo, c[1]), math.Max(hi, c[1])
	}
	return lo, hi
}

// widestStretch intersects the line at lat with every ring of poly and returns the middle of
// the widest inside interval.
func widestStretch(poly dataset.Polygon, lat float64) (dataset.Point, bool) {
	var xs []float64
	for _, r := range poly {
		for i := 0; i+1 < len(r); i++ {
			a, b := r[i], r[i+1]
			if (a[1] > lat) != (b[1] > lat) {
				xs = append(xs, a[0]+(lat-a[1])*(b[0]-a[0])/(b[1]-a[1]))
			}
		}
	}
	sort.Float64s(xs)
	best, ok := dataset.Point{}, false
	width := 0.0
	for i := 0; i+1 < len(xs); i += 2 {
		if w := xs[i+1] - xs[i]; w > width {
			width, ok = w, true
			best = dataset.Point{Lon: round((xs[i]+xs[i+1])/2, 5), Lat: lat}
		}
	}
	return best, ok
}

func round(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(v*p) / p
}

// distanceMeters is the equirectangular distance, exact enough at a town's scale.
func distanceMeters(a, b dataset.Point) float64 {
	const earth = 6371000.0
	rad := math.Pi / 180
	x := (b.Lon - a.Lon) * rad * math.Cos((a.Lat+b.Lat)/2*rad)
	y := (b.Lat - a.Lat) * rad
	return earth * math.Hypot(x, y)
}
