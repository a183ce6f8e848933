package bench

import (
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	mrand "math/rand/v2"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/dbx"

	realdata "github.com/maillage/maillage/internal/fixtures" // the package-level fixtures are the seeded servers
	s "github.com/maillage/maillage/schema"
)

// poiFile is the France services open data the records are built from (Licence Ouverte 2.0),
// in the repository's testdata.
var poiFile = []string{"poi", "france-services-20240801.csv"}

// place is one France services site.
type place struct {
	name, address, contact, hours, comment string
	lat, lon                               string
}

// loadPlaces reads the France services sites from the repository's testdata.
func loadPlaces() ([]place, error) {
	path, err := realdata.Find(poiFile...)
	if err != nil {
		return nil, fmt.Errorf("the benchmarks build their records from real places: %w", err)
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open places: %w", err)
	}
	defer fh.Close()
	rows, err := csv.NewReader(fh).ReadAll()
	if err != nil || len(rows) < 2 {
		return nil, fmt.Errorf("read %s: %v (%d rows)", path, err, len(rows))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	var out []place
	for _, r := range rows[1:] {
		days := []string{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
		var hours []string
		for _, d := range days {
			if h := r[col["h_"+d]]; h != "" {
				hours = append(hours, d+" "+h)
			}
		}
		out = append(out, place{
			name: r[col["lib_fs"]], address: r[col["adresse"]] + ", " + r[col["code_postal"]] + " " + r[col["lib_com"]],
			contact: r[col["mail"]] + " · " + r[col["telephone"]], hours: strings.Join(hours, "; "), comment: r[col["commentaire"]],
			lat: r[col["latitude"]], lon: r[col["longitude"]],
		})
	}
	return out, nil
}

// about pads descriptions to the length of a real initiative's presentation.
const about = "Accueil de proximité pour les démarches du quotidien : santé, famille, retraite, emploi, " +
	"logement, impôts. Les agents accompagnent chacun sur rendez-vous ou sans, et orientent vers les " +
	"associations du quartier. Ateliers numériques le mercredi, permanence juridique un samedi par mois."

// seedContent inserts the records with raw SQL in one transaction; the change log triggers
// fire as for any write.
func seedContent(f *fixture, initiatives, events int) error {
	places, err := loadPlaces()
	if err != nil {
		return err
	}
	var cats []string
	if err := f.srv.App().RecordQuery(s.Categories).Select("id").Column(&cats); err != nil {
		return err
	}
	sqlDB := f.srv.App().NonconcurrentDB().(*dbx.DB).DB()
	tx, err := sqlDB.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // rolled back only when the commit did not happen
	g := &generator{f: f, places: places, cats: cats, rnd: mrand.New(mrand.NewPCG(42, 42))}
	if err := g.insert(tx, s.Initiatives, initiatives, g.initiative); err != nil {
		return err
	}
	if err := g.insert(tx, s.Events, events, g.event); err != nil {
		return err
	}
	return tx.Commit()
}

// generator builds deterministic records from the places.
type generator struct {
	f      *fixture
	places []place
	cats   []string
	rnd    *mrand.Rand
}

// row is one record's columns.
type row map[string]any

func (g *generator) insert(tx *sql.Tx, table string, n int, build func(i int) row) error {
	if n == 0 {
		return nil
	}
	cols := sortedCols(build(0))
	stmt, err := tx.Prepare(fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", table,
		strings.Join(cols, ", "), strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")))
	if err != nil {
		return err
	}
	defer stmt.Close()
	args := make([]any, len(cols))
	for i := range n {
		r := build(i)
		for j, c := range cols {
			args[j] = r[c]
		}
		if _, err := stmt.Exec(args...); err != nil {
			return fmt.Errorf("insert %s %d: %w", table, i, err)
		}
	}
	return nil
}

// common are the content fields every record has, with the visibility mix of a real territory:
// mostly public, some for a community, a few private, drafts and deleted ones.
func (g *generator) common(id string, i int) row {
	vis, community := s.VisibilityPublic, ""
	switch p := g.rnd.IntN(100); {
	case p < 8:
		vis, community = s.VisibilityCommunity, g.f.communities[g.rnd.IntN(len(g.f.communities))]
	case p < 12:
		vis = s.VisibilityPrivate
	}
	status := s.StatusPublished
	if g.rnd.IntN(100) < 3 {
		status = s.StatusPending
	}
	stamp := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second).Format("2006-01-02 15:04:05.000Z")
	pl := g.places[i%len(g.places)]
	cats, _ := json.Marshal(g.pickCats())
	return row{
		"id": id, s.FieldVisibility: vis, s.FieldCommunity: community, s.FieldStatus: status,
		s.FieldAuthor: g.f.authors[g.rnd.IntN(len(g.f.authors))], s.FieldDeleted: g.rnd.IntN(100) < 2,
		s.FieldGeo: fmt.Sprintf(`{"lon":%s,"lat":%s}`, pl.lon, pl.lat), "categories": string(cats),
		"description": strings.TrimSpace(pl.comment + "\n\n" + about), "created": stamp, "updated": stamp,
	}
}

func (g *generator) initiative(i int) row {
	r, pl := g.common(fmt.Sprintf("i%014d", i), i), g.places[i%len(g.places)]
	r["name"], r["address"], r["contact"], r["openingHours"] = pl.name, pl.address, pl.contact, pl.hours
	r["website"] = "https://www.france-services.gouv.fr/"
	return r
}

func (g *generator) event(i int) row {
	r, pl := g.common(fmt.Sprintf("e%014d", i), i), g.places[i%len(g.places)]
	r["title"] = "Atelier numérique — " + pl.name
	r["start"] = time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC).Add(time.Duration(i%900) * time.Hour).Format("2006-01-02 15:04:05.000Z")
	r["place"], r["price"], r["timezone"] = pl.address, "gratuit", "Europe/Paris"
	return r
}

func (g *generator) pickCats() []string {
	out := []string{}
	for range 1 + g.rnd.IntN(3) {
		out = append(out, g.cats[g.rnd.IntN(len(g.cats))])
	}
	return out
}

func sortedCols(r row) []string {
	cols := make([]string, 0, len(r))
	for c := range r {
		cols = append(cols, c)
	}
	slices.Sort(cols)
	return cols
}
