package revisions_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/interop/dedup"
	s "github.com/maillage/maillage/schema"
)

// A merge of duplicates writes both records' revisions with the source "merge": the kept
// record's new values and provenance, the other's redirect; each import's records before it
// carry their source's name.
func TestMergeIsInTheHistory(t *testing.T) {
	w := newWorld(t)
	app := w.srv.App
	imported := func(source, name string, north float64) string {
		return testapp.NewRecord(t, app, s.Initiatives, map[string]any{s.FieldStatus: s.StatusPublished,
			s.FieldVisibility: s.VisibilityPublic, s.FieldSource: source, s.FieldExternalID: "1", "name": name,
			s.FieldGeo: types.GeoPoint{Lon: 2.358, Lat: 48.936 + north/111195.0}}).Id
	}
	a, b := imported("carte-a", "Jardin partagé des Poireaux", 0), imported("carte-b", "Jardin partage les Poireaux", 20)
	rb, err := app.FindRecordById(s.Initiatives, b)
	must(t, err)
	if n, err := dedup.Flag(app, rb); err != nil || n != 1 {
		t.Fatalf("flag: %d %v", n, err)
	}
	var pair string
	must(t, app.DB().NewQuery("SELECT id FROM duplicates").Row(&pair))
	w.moderator.MustCall(t, http.MethodPost, "/api/maillage/duplicates/"+pair+"/merge",
		map[string]any{"keep": a, "values": map[string]any{"openingHours": "Sa 10:00-13:00"}}, nil)
	for id, source := range map[string]string{a: "carte-a", b: "carte-b"} {
		revs := history(t, app, s.Initiatives, id)
		if len(revs) != 2 || revs[0].Source != source || revs[1].Source != s.SourceMerge {
			t.Errorf("history of %s: %+v, want its import (%s) then the merge", id, revs, source)
		}
	}
	var n int
	must(t, app.DB().NewQuery("SELECT count(*) FROM revisions WHERE source = 'sql'").Bind(dbx.Params{}).Row(&n))
	if n != 0 {
		t.Errorf("%d revisions left unattributed", n)
	}
}
