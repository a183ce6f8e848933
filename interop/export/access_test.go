package export_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/maillage/maillage/interop/export"
	s "github.com/maillage/maillage/schema"
)

// exportURLs are every export of every collection.
func exportURLs() []string {
	var out []string
	for _, c := range s.Content {
		for _, f := range []string{export.FormatGeoJSON, export.FormatCSV, export.FormatJSONLD} {
			out = append(out, "/api/maillage/export/"+c+"."+f)
		}
	}
	return append(out, "/api/maillage/export/events.ics", "/api/maillage/activity?page=first")
}

// TestOnlyPublicExported: every export of every collection shows the public records and none
// of the private, pending, community, rejected or deleted ones, even to a moderator (who may
// read them through the REST API).
func TestOnlyPublicExported(t *testing.T) {
	w := newWorld(t, export.Config{})
	public := []string{w.org.Id, w.initiative.Id, w.event.Id, w.offer.Id}
	for _, url := range exportURLs() {
		for _, who := range []map[string]string{nil, {"Authorization": w.modToken}} {
			a := w.get(t, url, who)
			if a.status != 200 {
				t.Fatalf("GET %s: status %d: %s", url, a.status, a.body)
			}
			if leaked := w.leaks(a.body); len(leaked) > 0 {
				t.Errorf("GET %s (auth %v) shows %v", url, who != nil, leaked)
			}
			if !containsAny(a.body, public) {
				t.Errorf("GET %s shows no public record: %.300s", url, a.body)
			}
		}
	}
}

// TestOnlyPublicNegativeControl: the same export read through a copy of the collection whose
// list rule is removed shows the hidden records, so the check above would catch an export that
// skipped the rule.
func TestOnlyPublicNegativeControl(t *testing.T) {
	w := newWorld(t, export.Config{})
	for _, name := range s.Content {
		c, err := w.app.FindCollectionByNameOrId(name)
		if err != nil {
			t.Fatal(err)
		}
		var ruled, open bytes.Buffer
		if err := export.WriteForTest(w.app, w.cfg, c, export.FormatGeoJSON, true, &ruled); err != nil {
			t.Fatal(err)
		}
		if leaked := w.leaks(ruled.String()); len(leaked) > 0 {
			t.Fatalf("%s with its rule shows %v", name, leaked)
		}
		everyone := ""
		c.ListRule = &everyone
		if err := export.WriteForTest(w.app, w.cfg, c, export.FormatGeoJSON, true, &open); err != nil {
			t.Fatal(err)
		}
		if leaked := w.leaks(open.String()); len(leaked) != 5 {
			t.Errorf("%s without its rule: the check sees %d hidden records, want 5: %v", name, len(leaked), leaked)
		}
	}
}

func containsAny(body string, ids []string) bool {
	for _, id := range ids {
		if strings.Contains(body, id) {
			return true
		}
	}
	return false
}
