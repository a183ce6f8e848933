package bench

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	s "github.com/maillage/maillage/schema"
)

// bboxCase compares GET /api/geo/initiatives?bbox=…&limit=… (with fields when not empty) to
// the stock list API's range filter on geo.lon and geo.lat, in rowid order (the geo answer's
// order), one page of up to 1,000 with the same fields; each run sends repeat requests.
func (srv *binaryServer) bboxCase(name string, box [4]float64, limit int, fields string, repeat int) binaryCase {
	geoPath := fmt.Sprintf("/api/geo/%s?bbox=%v,%v,%v,%v&limit=%d", s.Initiatives, box[0], box[1], box[2], box[3], limit)
	filter := fmt.Sprintf("geo.lon >= %v && geo.lon <= %v && geo.lat >= %v && geo.lat <= %v", box[0], box[2], box[1], box[3])
	stockPath := fmt.Sprintf("/api/collections/%s/records?perPage=%d&skipTotal=1&sort=@rowid&filter=%s",
		s.Initiatives, min(limit, 1000), url.QueryEscape(filter))
	if fields != "" {
		geoPath += "&fields=" + fields
		stockPath += "&fields=" + fields
	}
	return binaryCase{
		name: name,
		fast: func(check bool) []json.RawMessage {
			var rows []json.RawMessage
			for range repeat {
				rows = srv.features(geoPath)
			}
			return rows
		},
		stock: func(check bool) []json.RawMessage {
			var rows []json.RawMessage
			for range repeat {
				rows = srv.items(stockPath)
			}
			return rows
		},
		same: sameFeatures,
	}
}

// features returns the features of a geo answer.
func (srv *binaryServer) features(path string) []json.RawMessage {
	var res struct{ Features []json.RawMessage }
	if err := json.Unmarshal(srv.call(http.MethodGet, path, srv.token, nil), &res); err != nil {
		srv.b.Fatal(err)
	}
	return res.Features
}

// sameFeatures requires the features to be the stock items, in the same order, with the same
// name.
func sameFeatures(b *testing.B, fast, stock []json.RawMessage) {
	for i := range fast {
		var f struct {
			ID         string
			Properties struct{ Name string }
		}
		var it struct{ ID, Name string }
		if json.Unmarshal(fast[i], &f) != nil || json.Unmarshal(stock[i], &it) != nil {
			b.Fatalf("row %d: not a feature and an item: %.200s / %.200s", i, fast[i], stock[i])
		}
		if f.ID != it.ID || f.Properties.Name != it.Name {
			b.Fatalf("row %d: feature %s %q, stock item %s %q", i, f.ID, f.Properties.Name, it.ID, it.Name)
		}
	}
}
