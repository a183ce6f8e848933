package bench

import (
	"database/sql"
	"encoding/json"
	"fmt"
	mrand "math/rand/v2"
	"path/filepath"
	"strings"
	"time"

	s "github.com/maillage/maillage/schema"
)

// Plaine Commune's box, where the binary benchmark's initiatives lie (≈ 80 km²).
const pcMinLon, pcMinLat, pcMaxLon, pcMaxLat = 2.28825, 48.90046, 2.42203, 48.97422

// seedBinary inserts n initiatives of about 1 KB into the running server's data.db with SQL in
// one transaction (the change-log and R*Tree triggers fire as for any write): the texts of the
// France services sites, random (seeded) points over Plaine Commune, the visibility mix of
// bench_seed_test.go (88 % public, 8 % for a community, 4 % private; 3 % pending; 2 % deleted).
func seedBinary(srv *binaryServer, n int) error {
	places, err := loadPlaces()
	if err != nil {
		return err
	}
	db, err := sql.Open("sqlite", filepath.Join(srv.dir, "data.db")+"?_pragma=busy_timeout(60000)")
	if err != nil {
		return err
	}
	defer db.Close()
	var cats []string
	rows, err := db.Query("SELECT id FROM " + s.Categories)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		cats = append(cats, id)
	}
	rows.Close()
	return seedPlaineCommune(db, n, places, cats, srv.authors, srv.communities)
}

// seedPlaineCommune inserts the n initiatives through db.
func seedPlaineCommune(db *sql.DB, n int, places []place, cats, authors, communities []string) error {
	g := &binarySeed{authors: authors, communities: communities, places: places, cats: cats, rnd: mrand.New(mrand.NewPCG(7, 13))}
	return g.insert(db, n)
}

type binarySeed struct {
	authors, communities []string
	places               []place
	cats                 []string
	rnd                  *mrand.Rand
}

func (g *binarySeed) insert(db *sql.DB, n int) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // rolled back only when the commit did not happen
	cols := sortedCols(g.initiative(0))
	stmt, err := tx.Prepare(fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", s.Initiatives,
		strings.Join(cols, ", "), strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")))
	if err != nil {
		return err
	}
	defer stmt.Close()
	args := make([]any, len(cols))
	for i := range n {
		r := g.initiative(i)
		for j, c := range cols {
			args[j] = r[c]
		}
		if _, err := stmt.Exec(args...); err != nil {
			return fmt.Errorf("insert initiative %d: %w", i, err)
		}
	}
	return tx.Commit()
}

// initiative is the columns of the i-th initiative.
func (g *binarySeed) initiative(i int) row {
	vis, community := s.VisibilityPublic, ""
	switch p := g.rnd.IntN(100); {
	case p < 8:
		vis, community = s.VisibilityCommunity, g.communities[g.rnd.IntN(len(g.communities))]
	case p < 12:
		vis = s.VisibilityPrivate
	}
	status := s.StatusPublished
	if g.rnd.IntN(100) < 3 {
		status = s.StatusPending
	}
	stamp := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second).Format("2006-01-02 15:04:05.000Z")
	pl := g.places[i%len(g.places)]
	var cats []string
	for range 1 + g.rnd.IntN(3) {
		cats = append(cats, g.cats[g.rnd.IntN(len(g.cats))])
	}
	catsJSON, _ := json.Marshal(cats)
	lon := pcMinLon + g.rnd.Float64()*(pcMaxLon-pcMinLon)
	lat := pcMinLat + g.rnd.Float64()*(pcMaxLat-pcMinLat)
	return row{
		"id": fmt.Sprintf("p%014d", i), s.FieldVisibility: vis, s.FieldCommunity: community, s.FieldStatus: status,
		s.FieldAuthor: g.authors[g.rnd.IntN(len(g.authors))], s.FieldDeleted: g.rnd.IntN(100) < 2,
		s.FieldGeo: fmt.Sprintf(`{"lon":%.6f,"lat":%.6f}`, lon, lat), "categories": string(catsJSON),
		"description": strings.TrimSpace(pl.comment + "\n\n" + about), "created": stamp, "updated": stamp,
		"name": pl.name, "address": pl.address, "contact": pl.contact, "openingHours": pl.hours,
		"website": "https://www.france-services.gouv.fr/",
	}
}
