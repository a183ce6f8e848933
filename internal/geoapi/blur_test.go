package geoapi_test

import (
	"fmt"
	"testing"

	"github.com/maillage/maillage/geo"
	s "github.com/maillage/maillage/schema"
)

// Offers are blurred in the geo API as in the REST API, and the query itself must not reveal
// the true point: a box or circle is checked against the point the reader sees.
func TestOffersAreBlurredAndQueriesDoNotRevealTheTruePoint(t *testing.T) {
	w := newWorld(t)
	offer := w.add(t, s.Offers, w.facilitator, basilique, nil)
	exact := geo.Point{Lon: basilique[0], Lat: basilique[1]}
	tiny := fmt.Sprintf("/api/geo/offers?bbox=%f,%f,%f,%f", exact.Lon-0.0001, exact.Lat-0.0001, exact.Lon+0.0001, exact.Lat+0.0001)

	t.Run("others see a stable grid point", func(t *testing.T) {
		first := get(t, w, "/api/geo/offers", w.otherToken)
		again := get(t, w, "/api/geo/offers", "")
		if len(first.Features) != 1 || len(again.Features) != 1 {
			t.Fatalf("got %d and %d features, want 1 each", len(first.Features), len(again.Features))
		}
		c := first.Features[0].Geometry.Coordinates
		p := geo.Point{Lon: c[0], Lat: c[1]}
		if d := geo.DistanceMeters(exact, p); d < geo.BlurMinOffsetMeters-1 || d > geo.BlurMaxOffsetMeters+geo.BlurCellMeters {
			t.Errorf("blurred point %v is %.0f m from the true one, want %v-%v m", p, d, geo.BlurMinOffsetMeters, geo.BlurMaxOffsetMeters)
		}
		if again.Features[0].Geometry.Coordinates != c {
			t.Errorf("blurred point moved between reads: %v then %v", c, again.Features[0].Geometry.Coordinates)
		}
	})
	t.Run("the author sees the true point", func(t *testing.T) {
		got := get(t, w, "/api/geo/offers", w.facToken)
		if len(got.Features) != 1 || got.Features[0].Geometry.Coordinates != [2]float64(basilique) {
			t.Errorf("got %+v, want the exact %v", got.Features, basilique)
		}
	})
	t.Run("a tiny box around the true point finds nothing for others", func(t *testing.T) {
		if got := get(t, w, tiny, w.otherToken); len(got.Features) != 0 {
			t.Errorf("got %v: the box revealed the true location", got.ids(false))
		}
		// Negative control: the same box finds it for its author, so the box is right.
		if got := get(t, w, tiny, w.facToken); len(got.Features) != 1 || got.Features[0].ID != offer.Id {
			t.Errorf("author: got %v, want [%s]", got.ids(false), offer.Id)
		}
	})
	t.Run("a 30 m circle around the true point finds nothing for others", func(t *testing.T) {
		url := fmt.Sprintf("/api/geo/offers?near=%f,%f&radius=30", exact.Lon, exact.Lat)
		if got := get(t, w, url, ""); len(got.Features) != 0 {
			t.Errorf("got %v: the circle revealed the true location", got.ids(false))
		}
		if got := get(t, w, url, w.facToken); len(got.Features) != 1 {
			t.Errorf("author: got %d features, want 1", len(got.Features))
		}
	})
	t.Run("a box around the blurred point finds it", func(t *testing.T) {
		c := get(t, w, "/api/geo/offers", "").Features[0].Geometry.Coordinates
		url := fmt.Sprintf("/api/geo/offers?bbox=%f,%f,%f,%f", c[0]-0.0001, c[1]-0.0001, c[0]+0.0001, c[1]+0.0001)
		if got := get(t, w, url, ""); len(got.Features) != 1 {
			t.Errorf("got %d features, want the offer at its blurred point", len(got.Features))
		}
	})
}

func TestInitiativesStayExact(t *testing.T) {
	w := newWorld(t)
	w.add(t, s.Initiatives, w.facilitator, basilique, nil)
	got := get(t, w, "/api/geo/initiatives", "")
	if len(got.Features) != 1 || got.Features[0].Geometry.Coordinates != [2]float64(basilique) {
		t.Errorf("got %+v, want the exact %v", got.Features, basilique)
	}
}
