package jsonld

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/formats/input"
	s "github.com/maillage/maillage/schema"
)

func decodeFile(t *testing.T, name, collection string) (interop.Decoded, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("fixture missing: %v (copy it from shared/data, see testdata/SOURCES.md)", err)
	}
	defer f.Close()
	return Decode(f, collection)
}

func one(t *testing.T, name, collection string) interop.Item {
	t.Helper()
	got, err := decodeFile(t, name, collection)
	if err != nil || len(got.Items) != 1 || len(got.Problems) != 0 {
		t.Fatalf("%s: got %v, %+v, want one item", name, err, got)
	}
	it := got.Items[0]
	it.Extra = nil
	return it
}

func TestDecodePlacesAndOrganisations(t *testing.T) {
	tests := []struct {
		file, collection string
		want             interop.Item
	}{
		{"schemaorg-examples/eg-0005.jsonld", s.Initiatives, interop.Item{Name: "Empire State Building", Geo: &interop.Point{Lon: -73.98, Lat: 40.75}}},
		{"schemaorg-examples/eg-0015.jsonld", s.Initiatives, interop.Item{Name: "Beachwalk Beachwear & Giftware",
			Description: "A superb collection of fine gifts and clothing to accent your stay in Mexico Beach.",
			Address:     "3102 Highway 98, Mexico Beach FL", Phone: "850-648-4200"}},
		{"schemaorg-examples/eg-0008.jsonld", s.Organisations, interop.Item{Name: "Google.org (GOOG)", Email: "secretariat@example.com",
			Address: "38 avenue de l'Opera, F-75002 Paris, France", Phone: "( 33 1) 42 68 53 00"}},
		{"schemaorg-examples/eg-0193.jsonld", s.Initiatives, interop.Item{Name: "Middle of Nowhere Foods", OpeningHours: "Mo,Tu,We,Th,Fr,Sa,Su 09:00-14:00"}},
		{"activitystreams2-test/core-ex23-jsonld.json", s.Initiatives, interop.Item{Name: "Fresno, California", Geo: &interop.Point{Lon: -119.77, Lat: 36.74}}},
		{"activitystreams2-test/vocabulary-ex37-jsonld.json", s.Organisations, interop.Item{Name: "A Simple Group."}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := one(t, tt.file, tt.collection)
			if !strings.HasPrefix(got.ExternalID, "h-") || got.Label == "" {
				t.Errorf("got id %q, label %q, want a derived id and a label", got.ExternalID, got.Label)
			}
			got.ExternalID, got.Label, tt.want.Categories = "", "", got.Categories
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestDecodeEvents(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	london, _ := time.LoadLocation("Europe/London")
	tests := []struct {
		file string
		want interop.Event
	}{
		{"schemaorg-examples/eg-0012.jsonld", interop.Event{Start: time.Date(2013, 9, 14, 21, 30, 0, 0, paris).UTC(), TimeZone: "Europe/Paris",
			Place: "The Hi-Dive, 7 S. Broadway, 80209 Denver CO", Price: "13.00 USD", RegistrationURL: "http://www.ticketfly.com/purchase/309433"}},
		{"schemaorg-examples/eg-0014.jsonld", interop.Event{Start: time.Date(2020, 7, 24, 16, 0, 0, 0, time.UTC), End: time.Date(2020, 7, 24, 16, 30, 0, 0, time.UTC),
			Place: "https://stream.storytimereadings.com/", Organiser: "Story Time Virtual Events", Price: "0 USD",
			RegistrationURL: "https://torytimereadings.com/event_offer/2020-07-24-free"}},
		{"schemaorg-examples/eg-0240.jsonld", interop.Event{Start: time.Date(2017, 1, 1, 19, 0, 0, 0, london).UTC(), End: time.Date(2017, 1, 1, 20, 0, 0, 0, london).UTC(),
			TimeZone: "Europe/London", RRule: "FREQ=WEEKLY;BYDAY=WE;UNTIL=20171231T235959Z"}},
		{"activitystreams2-test/vocabulary-ex144-jsonld.json", interop.Event{Start: time.Date(2015, 1, 1, 7, 0, 0, 0, time.UTC), End: time.Date(2015, 1, 1, 14, 0, 0, 0, time.UTC)}},
		{"federated-events/gancio-event-activity.json", interop.Event{Start: time.Date(2021, 7, 14, 15, 30, 57, 0, time.UTC), End: time.Date(2021, 7, 14, 16, 30, 57, 0, time.UTC), Place: "Colosseo"}},
		{"federated-events/mobilizon-post-activity.json", interop.Event{Start: time.Date(2018, 2, 12, 14, 8, 20, 0, time.UTC),
			Place: "Locaux de Framasoft, 10 Rue Jangot, 69007 Lyon Auvergne Rhône Alpes, France"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := one(t, tt.file, s.Events)
			if got.Event == nil || !reflect.DeepEqual(*got.Event, tt.want) {
				t.Errorf("got %+v, want %+v", got.Event, tt.want)
			}
		})
	}
}

func TestDecodeFederatedEventDetails(t *testing.T) {
	gancio := one(t, "federated-events/gancio-event-activity.json", s.Events)
	if gancio.ExternalID != "https://demo.gancio.org/federation/m/1" || gancio.Name != "Demo event" ||
		!reflect.DeepEqual(gancio.Categories, []string{"test"}) || gancio.Website != "https://demo.gancio.org/event/demo-event" {
		t.Errorf("got %+v, want the Gancio event's id, name, hashtag and URL", gancio)
	}
	mobilizon := one(t, "federated-events/mobilizon-post-activity.json", s.Events)
	if mobilizon.Description != "@tcit" || mobilizon.ExternalID != "https://test.mobilizon.org/events/39026210-0c69-4238-b3cc-986f33f98ed0" {
		t.Errorf("got %+v, want the HTML content as text and the event's id", mobilizon)
	}
}

func TestDecodeKindProblems(t *testing.T) {
	tests := []struct{ file, collection, code, target string }{
		{"schemaorg-examples/eg-0012.jsonld", s.Initiatives, CodeWrongKind, s.Events},
		{"schemaorg-examples/eg-0005.jsonld", s.Events, CodeWrongKind, s.Initiatives},
		{"schemaorg-examples/eg-0008.jsonld", s.Initiatives, CodeWrongKind, s.Organisations},
		{"schemaorg-examples/eg-0001.jsonld", s.Initiatives, CodeUnsupported, ""},
		{"schemaorg-examples/eg-0303.jsonld", s.Events, "format_event_without_start", ""},
	}
	for _, tt := range tests {
		t.Run(tt.file+" into "+tt.collection, func(t *testing.T) {
			got, err := decodeFile(t, tt.file, tt.collection)
			if err != nil || len(got.Items) != 0 || len(got.Problems) != 1 {
				t.Fatalf("got %v, %+v, want one problem", err, got)
			}
			p := got.Problems[0]
			if p.Code != tt.code || (tt.target != "" && p.Params["target"] != tt.target) {
				t.Errorf("got %+v, want %s (target %q)", p, tt.code, tt.target)
			}
		})
	}
}

func TestDecodeHTMLPage(t *testing.T) {
	page := `<!doctype html><html><head>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
  {"@type":"WebSite","name":"Site"},
  {"@type":"schema:Organization","@id":"https://asso.example/#org","schema:name":"Les Amis du Jardin","http://schema.org/url":"https://asso.example"}]}</script>
<script type="text/javascript">var x = {"@type":"Organization","name":"not data"};</script>
<script type="Application/LD+JSON; charset=utf-8">[{"@context":"http://schema.org/","@type":"NGO","name":"Deuxième","keywords":"jardin, compost"}]</script>
<script type="application/ld+json">{"@type": "Organization", broken</script>
</head><body></body></html>`
	got, err := Decode(strings.NewReader(page), s.Organisations)
	if err != nil {
		t.Fatal(err)
	}
	var names, codes []string
	for _, it := range got.Items {
		names = append(names, it.Name)
	}
	for _, p := range got.Problems {
		codes = append(codes, p.Item+": "+p.Code)
	}
	wantCodes := []string{"script 3: format_not_json", "script 1, item 1 (Site): format_unsupported_type"}
	if !reflect.DeepEqual(names, []string{"Les Amis du Jardin", "Deuxième"}) || !reflect.DeepEqual(codes, wantCodes) {
		t.Errorf("got %v and %v, want the two organisations and %v", names, codes, wantCodes)
	}
	if first := got.Items[0]; first.ExternalID != "https://asso.example/#org" || first.Website != "https://asso.example" {
		t.Errorf("got %+v, want prefixed and full-IRI terms read", first)
	}
	if cats := got.Items[1].Categories; !reflect.DeepEqual(cats, []string{"jardin", "compost"}) {
		t.Errorf("got categories %v, want the keywords", cats)
	}
}

func TestDecodeRefusesNonJSONLD(t *testing.T) {
	tests := []struct{ name, doc, code string }{
		{"number at top", "42", CodeNone},
		{"string at top", `"Event"`, CodeNone},
		{"page without JSON-LD", "<html><body>Bonjour</body></html>", CodeNone},
		{"not JSON", "{\"@type\": ", input.CodeNotJSON},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(strings.NewReader(tt.doc), s.Events)
			var ie *input.Error
			if !errors.As(err, &ie) || ie.Code != tt.code {
				t.Errorf("got %v, want %s", err, tt.code)
			}
		})
	}
}

// TestDecodeEveryFixture reads every JSON-LD fixture into every collection: each one either
// is refused as a whole or gives items and problems, and an item always has a label and an
// id. The ActivityStreams "fail" documents, which break AS2 rules rather than JSON-LD's, give
// no item at all.
func TestDecodeEveryFixture(t *testing.T) {
	files, _ := filepath.Glob("testdata/*/*.json*")
	fails, _ := filepath.Glob("testdata/activitystreams2-test/fail/*.json")
	if len(files) < 300 || len(fails) != 20 {
		t.Fatalf("got %d fixtures and %d fail documents, want all of them copied", len(files), len(fails))
	}
	for _, f := range append(files, fails...) {
		for _, c := range []string{s.Initiatives, s.Events, s.Organisations} {
			got, err := decodeFile(t, strings.TrimPrefix(f, "testdata/"), c)
			if err != nil {
				continue
			}
			if strings.Contains(f, "/fail/") && len(got.Items) > 0 {
				t.Errorf("%s: got items %+v, want none", f, got.Items)
			}
			for _, it := range got.Items {
				if it.Label == "" || it.ExternalID == "" {
					t.Errorf("%s: got item %+v without a label or an id", f, it)
				}
			}
		}
	}
}
