package revisions_test

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"

	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/importer"
	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// The revision history is complete whatever the write path: random writes through REST, the
// batch API, a sync push, the dashboard (a superuser), an import and raw SQL; after each, the record's new revisions are
// exactly one revision holding what changed, attributed to who wrote it, and replaying every
// revision from nothing gives the record as it is.

// expect is who a write path names on its revision.
type expect struct{ author, source string }

// writer writes one random change to the record through one path.
type writer struct {
	name  string
	write func(t *testing.T, w *world, rec target, rng *rand.Rand) expect
}

// target is a record under test and the person who writes it through the API.
type target struct {
	id      string
	as      *synctest.User
	mseq    *int64
	through string // the fields the API paths change
}

const importSource = "test-source"

var paths = []writer{
	{"rest", func(t *testing.T, w *world, r target, rng *rand.Rand) expect {
		r.as.MustCall(t, http.MethodPatch, "/api/collections/initiatives/records/"+r.id, randomFields(rng), nil)
		return expect{author: r.as.ID()}
	}},
	{"batch", func(t *testing.T, w *world, r target, rng *rand.Rand) expect {
		req := map[string]any{"requests": []any{map[string]any{"method": http.MethodPatch,
			"url": "/api/collections/initiatives/records/" + r.id, "body": randomFields(rng)}}}
		r.as.MustCall(t, http.MethodPost, "/api/batch", req, nil)
		return expect{author: r.as.ID()}
	}},
	{"sync", func(t *testing.T, w *world, r target, rng *rand.Rand) expect {
		*r.mseq++
		fields := map[string]json.RawMessage{}
		for k, v := range randomFields(rng) {
			fields[k], _ = json.Marshal(v)
		}
		m := ms.Mutation{Mseq: *r.mseq, C: s.Initiatives, ID: r.id, Op: ms.OpUpdate, BaseRev: rev(t, w, r.id), Fields: fields}
		res := r.as.Push(t, ms.PushRequest{Mutations: []ms.Mutation{m}})
		if st := res.Results[0].Status; st != ms.StatusApplied {
			t.Fatalf("push: %s %s", st, res.Results[0].Message)
		}
		return expect{author: r.as.ID(), source: s.SourceSync}
	}},
	{"dashboard", func(t *testing.T, w *world, r target, rng *rand.Rand) expect {
		w.admin.MustCall(t, http.MethodPatch, "/api/collections/initiatives/records/"+r.id, randomFields(rng), nil)
		return expect{source: s.SourceDashboard}
	}},
	{"import", func(t *testing.T, w *world, r target, rng *rand.Rand) expect {
		importItem(t, w, fmt.Sprintf("https://example.org/%d", rng.IntN(1000)))
		return expect{source: importSource}
	}},
	{"sql", func(t *testing.T, w *world, r target, rng *rand.Rand) expect {
		setRaw(t, w.srv.App, s.Initiatives, r.id, randomFields(rng))
		return expect{source: s.SourceSQL}
	}},
}

// randomFields is a change of one or two of the fields the paths share.
func randomFields(rng *rand.Rand) map[string]any {
	fields := []string{"name", "description", "contact", "openingHours"}
	out := map[string]any{}
	for range 1 + rng.IntN(2) {
		f := fields[rng.IntN(len(fields))]
		out[f] = fmt.Sprintf("%s %d", f, rng.IntN(5))
	}
	return out
}

// importItem imports (creates, then updates) the one item of the test source, whose
// website changes.
func importItem(t *testing.T, w *world, website string) {
	t.Helper()
	item := interop.Item{ExternalID: "a", Name: "Jardin importé", Website: website,
		Geo: &interop.Point{Lon: 2.3833, Lat: 48.95}}
	dec := func(io.Reader, string) (interop.Decoded, error) {
		return interop.Decoded{Items: []interop.Item{item}}, nil
	}
	sum, err := importer.ImportWith(w.srv.App, dec, strings.NewReader(""),
		importer.Options{Collection: s.Initiatives, Source: importSource, Lang: "fr"})
	if err != nil || len(sum.Errors) > 0 {
		t.Fatalf("import: %v %v", err, sum.Errors)
	}
}

// rev is the sync revision of an initiative.
func rev(t *testing.T, w *world, id string) int64 {
	var seq int64
	_ = w.srv.App.DB().NewQuery("SELECT seq FROM _sync_changes WHERE coll = 'initiatives' AND rid = {:id}").
		Bind(dbx.Params{"id": id}).Row(&seq)
	return seq
}

// checkWrite checks that the write from before to now left exactly one new revision (none
// if nothing changed) holding the difference, attributed as want.
func checkWrite(w *world, id string, seen int, before map[string]any, want expect) (int, error) {
	revs := history(nil, w.srv.App, s.Initiatives, id)
	after := state(nil, w.srv.App, s.Initiatives, id)
	changes := diff(before, after)
	fresh := revs[seen:]
	if len(changes) == 0 {
		if len(fresh) != 0 {
			return len(revs), fmt.Errorf("nothing changed but %d revisions were written", len(fresh))
		}
		return len(revs), nil
	}
	if len(fresh) != 1 {
		var all []string
		for _, r := range fresh {
			all = append(all, r.Author+"/"+r.Source+" "+r.Raw)
		}
		return len(revs), fmt.Errorf("%v changed, %d revisions written: %v", changes, len(fresh), all)
	}
	r := fresh[0]
	if r.Author != want.author || r.Source != want.source {
		return len(revs), fmt.Errorf("revision by %q/%q, want %q/%q", r.Author, r.Source, want.author, want.source)
	}
	if !reflect.DeepEqual(r.Changes, changes) {
		return len(revs), fmt.Errorf("revision holds %v, want %v", r.Changes, changes)
	}
	return len(revs), nil
}

// checkReplay checks that replaying the history from nothing gives the record.
func checkReplay(w *world, id string) error {
	got, want := dropNil(replay(history(nil, w.srv.App, s.Initiatives, id))), dropNil(state(nil, w.srv.App, s.Initiatives, id))
	if !reflect.DeepEqual(got, want) {
		return fmt.Errorf("replay gives %v, the record is %v", got, want)
	}
	return nil
}

func dropNil(m map[string]any) map[string]any {
	for k, v := range m {
		if v == nil {
			delete(m, k)
		}
	}
	return m
}

// runWrites runs n random writes on the imported record (written through the API by a
// moderator) and on the author's own, checking each; the first failure is returned.
func runWrites(t *testing.T, w *world, seed uint64, n int) (map[string]int, error) {
	rng := rand.New(rand.NewPCG(seed, 7))
	importItem(t, w, "https://example.org/first")
	imported, err := w.srv.App.FindFirstRecordByData(s.Initiatives, s.FieldExternalID, "a")
	must(t, err)
	var modSeq, authorSeq int64
	records := []target{{id: imported.Id, as: w.moderator, mseq: &modSeq},
		{id: createInitiative(t, w.author, "Jardin"), as: w.author, mseq: &authorSeq}}
	seen := map[string]int{}
	for _, r := range records {
		seen[r.id] = len(history(t, w.srv.App, s.Initiatives, r.id))
	}
	used := map[string]int{}
	for range n {
		r := records[rng.IntN(len(records))]
		p := paths[rng.IntN(len(paths))]
		if p.name == "import" {
			r = records[0] // the import writes its own item only
		}
		before := state(t, w.srv.App, s.Initiatives, r.id)
		want := p.write(t, w, r, rng)
		used[p.name]++
		if seen[r.id], err = checkWrite(w, r.id, seen[r.id], before, want); err != nil {
			return used, fmt.Errorf("%s write %d on %s: %w", p.name, used[p.name], r.id, err)
		}
	}
	for _, r := range records {
		if err := checkReplay(w, r.id); err != nil {
			return used, err
		}
	}
	return used, nil
}

func TestHistoryCompleteWhateverTheWritePath(t *testing.T) {
	for seed := range uint64(3) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			w := newWorld(t)
			used, err := runWrites(t, w, seed, 40)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range paths {
				if used[p.name] == 0 {
					t.Fatalf("path %s never ran: %v", p.name, used)
				}
			}
		})
	}
}

// Negative control: a write path the triggers do not see (they are dropped for updates of
// initiatives, as if the table had been recreated without them) is caught.
func TestHistoryControlUncapturedWrite(t *testing.T) {
	w := newWorld(t)
	_, err := w.srv.App.DB().NewQuery(`DROP TRIGGER "_rev_trg_initiatives_upd"`).Execute()
	must(t, err)
	if _, err := runWrites(t, w, 1, 40); err == nil || !strings.Contains(err.Error(), "revisions written") {
		t.Fatalf("a write left out of the history went unnoticed: %v", err)
	}
}
