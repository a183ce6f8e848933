package geoapi_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/internal/geoapi"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

// wideURL asks for both records of cachedPair with every property, in rowid order (the box
// covers them all): the form the row cache keeps.
const wideURL = "/api/geo/initiatives?bbox=" + bboxAroundBasilica

// The wide box's features with every property come from the row cache only at the rev they
// were written at: after a save, an UPDATE in SQL, a field added and a record made private,
// the answer (asked twice, the second from the cache) equals the records' path, which keeps
// nothing, for an anonymous reader and a moderator.
func TestCachedFeaturesFollowEveryChange(t *testing.T) {
	app := testapp.New(t, server.Config{})
	_, modToken := testapp.NewUser(t, app, "mod@example.org", s.RoleModerator)
	c := cachedPair(t, app)
	sameAsRecords(t, app, modToken, "at first", `"name":"Jardin`)
	setName(t, app, "000000000000001", "Renommé")
	sameAsRecords(t, app, modToken, "after a save", `"name":"Renommé"`)
	execSQL(t, app, "UPDATE initiatives SET name = 'En SQL' WHERE id = '000000000000001'")
	sameAsRecords(t, app, modToken, "after an UPDATE in SQL", `"name":"En SQL"`)
	c.Fields.Add(&core.TextField{Name: "devise"})
	if err := app.Save(c); err != nil {
		t.Fatal(err)
	}
	sameAsRecords(t, app, modToken, "after a field was added", `"devise":""`)
	execSQL(t, app, "UPDATE initiatives SET visibility = 'private' WHERE id = '000000000000002'")
	sameAsRecords(t, app, modToken, "after a record was made private", `"id":"000000000000001"`)
	if body := serveBody(t, router(t, app), wideURL, ""); strings.Contains(body, "000000000000002") {
		t.Fatalf("a private record is served to an anonymous reader from the cache: %s", body)
	}
}

// Negative control: with the change log's update trigger dropped, an UPDATE moves no rev and
// the cached path serves the feature it kept, unlike the records' path, so the comparison
// above does see the cache; with the cache off, both paths show the UPDATE.
func TestCachedFeaturesControlRevThatDoesNotMove(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cfg   server.Config
		stale bool
	}{{"cache on", server.Config{}, true}, {"cache off", server.Config{RowCacheBytes: -1}, false}} {
		app := testapp.New(t, tc.cfg)
		_, mod := testapp.NewUser(t, app, "mod@example.org", s.RoleModerator)
		cachedPair(t, app)
		h := router(t, app)
		serveBody(t, h, wideURL, mod) // kept
		execSQL(t, app, "DROP TRIGGER _sync_trg_initiatives_upd")
		execSQL(t, app, "UPDATE initiatives SET name = 'Sans trace' WHERE id = '000000000000001'")
		fast := serveBody(t, h, wideURL, mod)
		restore := geoapi.SetFeatureWriterMode(-1)
		slow := serveBody(t, h, wideURL, mod)
		restore()
		if stale := fast != slow && !strings.Contains(fast, "Sans trace"); stale != tc.stale || !strings.Contains(slow, "Sans trace") {
			t.Errorf("%s: after an UPDATE that moved no rev the written path serves\n%s\nthe records' path\n%s", tc.name, fast, slow)
		}
	}
}

// boundsAroundBasilica is bboxAroundBasilica.
var boundsAroundBasilica = geo.Bounds{MinLon: 2.355, MinLat: 48.932, MaxLon: 2.365, MaxLat: 48.940}

// cachedPair saves two public initiatives in bboxAroundBasilica, the first with every field
// filled (a community's: moderators see it, anonymous readers do not), and returns the
// collection.
func cachedPair(t *testing.T, app core.App) *core.Collection {
	t.Helper()
	c, err := app.FindCollectionByNameOrId(s.Initiatives)
	if err != nil {
		t.Fatal(err)
	}
	saveFilled(t, app, c, "000000000000001", basilique, true)
	saveFilled(t, app, c, "000000000000002", nearBasilica, false)
	setName(t, app, "000000000000001", "Jardin des Joncherolles")
	if !geoapi.CoversMost(app, s.Initiatives, boundsAroundBasilica) {
		t.Fatal("the box around both records must be read in rowid order")
	}
	return c
}

// sameAsRecords requires wideURL to answer as the records' path does, twice, for an anonymous
// reader and the moderator, and the moderator's answer to contain want.
func sameAsRecords(t *testing.T, app core.App, modToken, when, want string) {
	t.Helper()
	h := router(t, app)
	for range 2 {
		for _, token := range []string{"", modToken} {
			fast := serveBody(t, h, wideURL, token)
			restore := geoapi.SetFeatureWriterMode(-1)
			slow := serveBody(t, h, wideURL, token)
			restore()
			if fast != slow {
				t.Fatalf("%s: the written features\n%s\nthe records' features\n%s", when, fast, slow)
			}
			if token != "" && !strings.Contains(fast, want) {
				t.Fatalf("%s: the answer lacks %s: %s", when, want, fast)
			}
		}
	}
}

func setName(t *testing.T, app core.App, id, name string) {
	t.Helper()
	r, err := app.FindRecordById(s.Initiatives, id)
	if err != nil {
		t.Fatal(err)
	}
	r.Set("name", name)
	if err := app.SaveNoValidate(r); err != nil {
		t.Fatal(err)
	}
}

func execSQL(t *testing.T, app core.App, sql string) {
	t.Helper()
	if _, err := app.DB().NewQuery(sql).Bind(dbx.Params{}).Execute(); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}
