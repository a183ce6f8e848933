package importer_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/dedup"
	"github.com/maillage/maillage/interop/importer"
	s "github.com/maillage/maillage/schema"
)

// The same garden listed by two sources, 20 m apart with its name written differently, is
// flagged once; after a moderator merges the pair, a re-import of the merged-away source
// updates the kept record instead of creating the garden again.
func TestDuplicatesAcrossSourcesAndReimportAfterMerge(t *testing.T) {
	app := newApp(t)
	near := &interop.Point{Lon: mairieStains.Lon + 0.0002, Lat: mairieStains.Lat + 0.0001}
	wantCounts(t, run(t, app, fixed(place("g1", "Jardin du Fort", mairieStains)), importer.Options{Source: "umap"}), 1, 0, 0, 0)
	second := run(t, app, fixed(place("77", "Le jardin du fort !", near)), importer.Options{Source: "gogocarto"})
	if second.Created != 1 || second.Duplicates != 1 {
		t.Fatalf("got %+v, want the second listing created and flagged as a duplicate", second)
	}
	pairs, err := app.FindAllRecords(s.Duplicates)
	if err != nil || len(pairs) != 1 {
		t.Fatalf("got %d pairs (%v), want 1", len(pairs), err)
	}
	keep, _ := app.FindFirstRecordByData(s.Initiatives, s.FieldExternalID, "g1")
	moderator, _ := testapp.NewUser(t, app, "mod@example.org", s.RoleModerator)
	info := &core.RequestInfo{Auth: moderator}
	if _, err := dedup.Merge(app, info, pairs[0].Id, dedup.Decision{Keep: keep.Id}); err != nil {
		t.Fatalf("merge: %v", err)
	}
	renamed := place("77", "Jardin partagé du Fort", near)
	again := run(t, app, fixed(renamed), importer.Options{Source: "gogocarto"})
	if again.Created != 0 {
		t.Fatalf("got %+v, want no record re-created for a merged source item", again)
	}
	if n, _ := app.CountRecords(s.Initiatives, nil); n != 2 {
		t.Fatalf("got %d initiatives, want the kept one and the redirect", n)
	}
}
