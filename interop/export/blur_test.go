package export_test

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/maillage/maillage/interop/export"
	s "github.com/maillage/maillage/schema"
)

// exactPoint lists the ways an export may write the offer's true location.
func exactPoint(lon, lat float64) []string {
	f := func(x float64) string { return strconv.FormatFloat(math.Round(x*1e6)/1e6, 'f', -1, 64) }
	return []string{f(lon), f(lat)}
}

// showsPoint reports whether body writes both coordinates of the point.
func showsPoint(body string, p []string) bool {
	return strings.Contains(body, p[0]) && strings.Contains(body, p[1])
}

// TestOffersBlurred: no export of offers writes an offer's true point, while each writes a
// point (the blurred one); initiatives keep theirs. The negative control writes the same export
// without the read hooks and sees the true point, so the check would catch a missing blur.
func TestOffersBlurred(t *testing.T) {
	w := newWorld(t, export.Config{})
	exact := exactPoint(basilique[0], basilique[1])
	for _, url := range append(exportURLs(), "/api/maillage/jsonld/offers/"+w.offer.Id) {
		a := w.ok(t, url)
		offers := strings.Contains(url, "offers")
		if offers && showsPoint(a.body, exact) {
			t.Errorf("GET %s writes the offer's true point %v", url, exact)
		}
		if offers && !strings.Contains(a.body, "48.93") {
			t.Errorf("GET %s writes no point at all: %.300s", url, a.body)
		}
		if strings.Contains(url, "initiatives") && !showsPoint(a.body, exact) {
			t.Errorf("GET %s lost the initiative's exact point", url)
		}
	}
	if p := activityOfferPoint(t, w); p == [2]float64{basilique[0], basilique[1]} || p == [2]float64{} {
		t.Errorf("the activity collection shows the offer at %v (true point %v)", p, basilique)
	}
	c, err := w.app.FindCollectionByNameOrId(s.Offers)
	if err != nil {
		t.Fatal(err)
	}
	var raw bytes.Buffer
	if err := export.WriteForTest(w.app, w.cfg, c, export.FormatCSV, false, &raw); err != nil {
		t.Fatal(err)
	}
	if !showsPoint(raw.String(), exact) {
		t.Errorf("negative control: without the read hooks the check should see the true point %v in %s", exact, raw.String())
	}
}

// activityOfferPoint is the location the activity collection gives the world's offer.
func activityOfferPoint(t *testing.T, w *world) [2]float64 {
	t.Helper()
	var page struct {
		OrderedItems []struct {
			Object struct {
				ID       string `json:"id"`
				Location struct {
					Longitude float64 `json:"longitude"`
					Latitude  float64 `json:"latitude"`
				} `json:"location"`
			} `json:"object"`
		} `json:"orderedItems"`
	}
	if err := json.Unmarshal([]byte(w.ok(t, "/api/maillage/activity?page=first").body), &page); err != nil {
		t.Fatal(err)
	}
	for _, it := range page.OrderedItems {
		if strings.HasSuffix(it.Object.ID, "/offers/"+w.offer.Id) {
			return [2]float64{it.Object.Location.Longitude, it.Object.Location.Latitude}
		}
	}
	t.Fatalf("the activity collection lacks the offer %s", w.offer.Id)
	return [2]float64{}
}
