package export_test

import (
	"net/http"
	"testing"

	"github.com/maillage/maillage/interop/export"
	s "github.com/maillage/maillage/schema"
)

// TestETag: every export has an ETag; sending it back gets a 304 with no body and no record
// read (no read hook runs); a change to a record, to a category or to a commune the exports
// name gives a new ETag.
func TestETag(t *testing.T) {
	w := newWorld(t, export.Config{})
	for _, url := range append(exportURLs(), "/api/maillage/jsonld/initiatives/"+w.initiative.Id, "/api/maillage/activity") {
		tag := w.ok(t, url).header.Get("ETag")
		if tag == "" {
			t.Fatalf("GET %s: no ETag", url)
		}
		w.app.ResetEventCalls()
		a := w.get(t, url, map[string]string{"If-None-Match": tag})
		if a.status != http.StatusNotModified || a.body != "" {
			t.Errorf("GET %s with its ETag: status %d, body %q; want 304 and no body", url, a.status, a.body)
		}
		if n := w.app.EventCalls["OnRecordEnrich"]; n != 0 {
			t.Errorf("GET %s with its ETag read %d records, want none", url, n)
		}
		if other := w.get(t, url, map[string]string{"If-None-Match": `"stale"`}); other.status != http.StatusOK {
			t.Errorf("GET %s with another ETag: status %d, want 200", url, other.status)
		}
	}
}

// TestETagChanges: the ETag of an export changes when a record, a category or a commune
// changes, and stays when nothing did.
func TestETagChanges(t *testing.T) {
	w := newWorld(t, export.Config{})
	url := "/api/maillage/export/initiatives.geojson"
	tag := func() string { t.Helper(); return w.ok(t, url).header.Get("ETag") }
	before := tag()
	if again := tag(); again != before {
		t.Fatalf("ETag changed with no write: %s then %s", before, again)
	}
	steps := []struct {
		name, collection, id, field string
		value                       any
	}{
		{"record", s.Initiatives, w.initiative.Id, s.ContentFields.Description, "Nouvelle description"},
		{"category", s.Categories, categoryID(t, w.app, "jardins-partages"), "nameFr", "Jardins partagés et familiaux"},
		{"commune", s.Communes, w.initiative.GetString(s.FieldCommune), s.CommuneFields.Name, "Saint-Denis (93)"},
	}
	for _, st := range steps {
		rec, err := w.app.FindRecordById(st.collection, st.id)
		if err != nil {
			t.Fatal(err)
		}
		rec.Set(st.field, st.value)
		if err := w.app.Save(rec); err != nil {
			t.Fatalf("save %s: %v", st.name, err)
		}
		if now := tag(); now == before {
			t.Errorf("a changed %s kept the ETag %s", st.name, now)
		} else {
			before = now
		}
	}
}
