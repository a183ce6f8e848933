package revisions_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// A public offer's history shows everyone its public fields; the exact location (others see
// it blurred) only to its author and moderators.
func TestRestrictedFieldsLeftOutForOthers(t *testing.T) {
	w := newWorld(t)
	app := w.srv.App
	c, err := app.FindCollectionByNameOrId(s.Offers)
	must(t, err)
	offer := core.NewRecord(c)
	offer.Load(map[string]any{"title": "Perceuse", "kind": "offer", "mode": "loan", "author": w.author.ID(),
		s.FieldVisibility: s.VisibilityPublic, s.FieldStatus: s.StatusPublished,
		s.FieldGeo: types.GeoPoint{Lon: 2.38, Lat: 48.95}})
	must(t, app.SaveNoValidate(offer))
	setRaw(t, app, s.Offers, offer.Id, map[string]any{s.FieldStatus: s.StatusPublished}) // a moderator's decision
	offer, err = app.FindRecordById(s.Offers, offer.Id)
	must(t, err)
	offer.Set(s.FieldGeo, types.GeoPoint{Lon: 2.36, Lat: 48.93})
	offer.Set("title", "Perceuse à percussion")
	must(t, app.SaveNoValidate(offer))
	if !anyHas(history(t, app, s.Offers, offer.Id), s.FieldGeo) {
		t.Fatal("control: the stored history has no location change to hide")
	}
	for who, u := range map[string]*synctest.User{"anonymous": w.srv.Anonymous(), "resident": w.resident, "facilitator": w.facilitator} {
		if changes := readChanges(t, u, offer.Id); len(changes) != 3 || hasField(changes, s.FieldGeo) || !hasField(changes, "title") {
			t.Errorf("%s reads %v: want the title, not the location", who, changes)
		}
	}
	for who, u := range map[string]*synctest.User{"author": w.author, "moderator": w.moderator} {
		if changes := readChanges(t, u, offer.Id); !hasField(changes, s.FieldGeo) {
			t.Errorf("%s does not read the location's changes: %v", who, changes)
		}
	}
}

// readChanges lists as u the changes of every revision of offer id.
func readChanges(t *testing.T, u *synctest.User, id string) []map[string]any {
	t.Helper()
	var out struct {
		Items []struct {
			Changes map[string]any `json:"changes"`
		} `json:"items"`
	}
	u.MustCall(t, http.MethodGet, "/api/collections/revisions/records?sort=created&filter="+url.QueryEscape(`recordId="`+id+`"`), nil, &out)
	var changes []map[string]any
	for _, it := range out.Items {
		changes = append(changes, it.Changes)
	}
	return changes
}

func hasField(changes []map[string]any, field string) bool {
	for _, c := range changes {
		if _, ok := c[field]; ok {
			return true
		}
	}
	return false
}

func anyHas(revs []revision, field string) bool {
	for _, r := range revs {
		if _, ok := r.Changes[field]; ok {
			return true
		}
	}
	return false
}
