package mobilesync_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/internal/testapp"
	ms "github.com/maillage/maillage/mobile_sync"
	s "github.com/maillage/maillage/schema"
)

// A conflict row shows the server's value as its author may read it: a moderator whose change
// of someone's offer loses must not find the offer's exact location (others see it blurred) in
// syncConflicts, neither for a field conflict nor for a delete of the changed offer.
func TestConflictRowsShowServerValuesAsTheUserReadsThem(t *testing.T) {
	env := newPushEnv(t, ms.Config{})
	bob := env.NewUser(t, "bob@example.org", s.RoleFacilitator)
	mod := env.NewUser(t, "mod@example.org", s.RoleModerator)
	offer := testapp.NewRecord(t, env.App, s.Offers, map[string]any{"title": "Vélo", "kind": "offer", "mode": "gift",
		s.FieldVisibility: s.VisibilityPublic, s.FieldAuthor: bob.ID(), s.FieldGeo: types.GeoPoint{Lon: 2.3599, Lat: 48.9355}})
	base := revOf(t, env, s.Offers, offer.Id)
	exact := types.GeoPoint{Lon: 2.3612, Lat: 48.9371}
	offer.Set(s.FieldGeo, exact)
	offer.Set("title", "Vélo de ville")
	if err := env.App.Save(offer); err != nil {
		t.Fatal(err)
	}
	resp := env.push(t, mod,
		ms.Mutation{Mseq: 1, C: s.Offers, ID: offer.Id, Op: ms.OpUpdate, BaseRev: base,
			Base: fields(s.FieldGeo, map[string]float64{"lon": 2.35, "lat": 48.93}), Fields: fields(s.FieldGeo, map[string]float64{"lon": 2.34, "lat": 48.92})},
		ms.Mutation{Mseq: 2, C: s.Offers, ID: offer.Id, Op: ms.OpDelete, BaseRev: base})
	exactJSON, _ := json.Marshal(exact.Lon)
	for _, r := range resp.Results {
		if len(r.Conflicts) != 1 {
			t.Fatalf("mseq %d: got %s %+v, want one conflict", r.Mseq, r.Status, r.Conflicts)
		}
		var row map[string]any
		mod.MustCall(t, http.MethodGet, "/api/collections/"+s.SyncConflicts+"/records/"+r.Conflicts[0].ID, nil, &row)
		server, _ := json.Marshal(row[s.FieldConflictServer])
		if strings.Contains(string(server), string(exactJSON)) {
			t.Errorf("mseq %d: the %s row shows the moderator the exact location: %s", r.Mseq, r.Conflicts[0].Kind, server)
		}
	}
}
