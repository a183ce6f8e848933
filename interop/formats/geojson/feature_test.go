package geojson

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/interop"
	s "github.com/maillage/maillage/schema"
)

func TestDecodeFeatureFields(t *testing.T) {
	doc := `{"type":"FeatureCollection","features":[
	  {"type":"Feature","id":"a1","geometry":{"type":"Point","coordinates":[2.3601,48.9362]},
	   "properties":{"nom":"Jardin des Joncherolles","name":"other","adresse":"1 rue X","site":"https://jardin.example",
	    "Téléphone":"01 02 03 04 05","courriel":"j@example.org","tags":["Jardin","Compost"],"surface":120,"meta":{"k":1}}},
	  {"type":"Feature","geometry":{"type":"Point","coordinates":[2.35,48.93]},"properties":{"title":"Sans id","id":7}},
	  {"type":"Feature","geometry":null,"properties":{"name":"Nulle part"}}]}`
	got, err := Decode(strings.NewReader(doc), s.Initiatives)
	if err != nil || len(got.Items) != 3 || len(got.Problems) != 0 {
		t.Fatalf("got %v, %d items, problems %v, want 3 items", err, len(got.Items), got.Problems)
	}
	first := got.Items[0]
	want := interop.Item{ExternalID: "a1", Label: "feature 1 (id a1) (Jardin des Joncherolles)", Name: "Jardin des Joncherolles",
		Address: "1 rue X", Website: "https://jardin.example", Email: "j@example.org", Phone: "01 02 03 04 05",
		Geo: &interop.Point{Lon: 2.3601, Lat: 48.9362}, Categories: []string{"Jardin", "Compost"}}
	extra := first.Extra
	first.Extra = nil
	if !reflect.DeepEqual(first, want) {
		t.Errorf("got %+v, want %+v", first, want)
	}
	if extra["surface"] != "120" || extra["meta"] != `{"k":1}` || extra["name"] != "other" {
		t.Errorf("got Extra %v, want every property kept", extra)
	}
	if got.Items[1].ExternalID != "7" {
		t.Errorf("got external id %q, want properties.id 7", got.Items[1].ExternalID)
	}
	if third := got.Items[2]; third.Geo != nil || !strings.HasPrefix(third.ExternalID, "h-") {
		t.Errorf("got %+v, want no location and a derived id", third)
	}
}

// TestRepresentative checks the point given to non-point geometries; the U-shaped polygon's
// centroid falls in its notch, outside it, so the point must come from its inside.
func TestRepresentative(t *testing.T) {
	u := `{"type":"Polygon","coordinates":[[[0,0],[3,0],[3,3],[2,3],[2,1],[1,1],[1,3],[0,3],[0,0]]]}`
	tests := []struct {
		name, geometry string
		inside         func(p *interop.Point) bool
	}{
		{"point", `{"type":"Point","coordinates":[2.35,48.93,35]}`, func(p *interop.Point) bool { return p.Lon == 2.35 && p.Lat == 48.93 }},
		{"U polygon", u, func(p *interop.Point) bool {
			inBase := p.Lat > 0 && p.Lat < 1 && p.Lon > 0 && p.Lon < 3
			inArms := p.Lat >= 1 && p.Lat < 3 && ((p.Lon > 0 && p.Lon < 1) || (p.Lon > 2 && p.Lon < 3))
			return inBase || inArms
		}},
		{"line", `{"type":"LineString","coordinates":[[2,48],[4,48]]}`, func(p *interop.Point) bool { return p.Lon == 3 && p.Lat == 48 }},
		{"collection", `{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[]},{"type":"Point","coordinates":[1,2]}]}`,
			func(p *interop.Point) bool { return p.Lon == 1 && p.Lat == 2 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Representative([]byte(tt.geometry))
			if err != nil || p == nil || !tt.inside(p) {
				t.Errorf("got %+v, %v, want a point inside the geometry", p, err)
			}
		})
	}
	if p, err := Representative([]byte(`{"type":"Polygon","coordinates":[]}`)); p != nil || err != nil {
		t.Errorf("empty polygon: got %+v, %v, want no point", p, err)
	}
}

func TestDecodeEvents(t *testing.T) {
	doc := `{"type":"FeatureCollection","features":[
	  {"type":"Feature","geometry":{"type":"Point","coordinates":[2.35,48.93]},"properties":{"titre":"Bal","debut":"2025-07-14T21:00:00+02:00","fin":"2025-07-15T01:00:00+02:00","lieu":"Place du marché"}},
	  {"type":"Feature","geometry":{"type":"Point","coordinates":[2.35,48.93]},"properties":{"titre":"Sans date"}}]}`
	got, err := Decode(strings.NewReader(doc), s.Events)
	if err != nil || len(got.Items) != 1 || len(got.Problems) != 1 || got.Problems[0].Code != "format_event_without_start" {
		t.Fatalf("got %v, %+v, want one event and one problem", err, got)
	}
	ev := got.Items[0].Event
	if !ev.Start.Equal(time.Date(2025, 7, 14, 19, 0, 0, 0, time.UTC)) || ev.End.Sub(ev.Start) != 4*time.Hour || ev.Place != "Place du marché" {
		t.Errorf("got %+v, want 19:00 UTC for 4 hours at the market place", ev)
	}
}
