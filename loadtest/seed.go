package loadtest

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the driver PocketBase uses

	s "github.com/maillage/maillage/schema"
)

// SeedInitiatives adds n public, published initiatives of about 1 KB to the data dir's
// database with SQL in one transaction (its triggers fire as for any write: the change log,
// the map index, the revisions), spread over the box the devices look at, then refreshes
// SQLite's statistics, as PocketBase's periodic PRAGMA optimize does for a territory that
// grew; connections opened before read them only once reopened.
// It measures the server with a territory far larger than the demo's.
func SeedInitiatives(dataDir string, n int) error {
	if n <= 0 {
		return nil
	}
	db, err := sql.Open("sqlite", filepath.Join(dataDir, "data.db")+"?_pragma=busy_timeout(60000)")
	if err != nil {
		return err
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // after a commit, nothing to roll back
	stmt, err := tx.Prepare("INSERT INTO " + s.Initiatives + " (id, name, description, address, geo, " +
		s.FieldVisibility + ", " + s.FieldStatus + ", created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	defer stmt.Close()
	rng := rand.New(rand.NewPCG(3, 5))
	for i := range n {
		if _, err := stmt.Exec(seededInitiative(rng, i)...); err != nil {
			return fmt.Errorf("seed initiative %d: %w", i, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	_, err = db.Exec("ANALYZE") // the statistics of a database that grew (PocketBase's PRAGMA optimize)
	return err
}

// seededText is the description of a seeded initiative (about 900 bytes).
var seededText = strings.Repeat("Jardin partagé ouvert aux habitants du quartier, ateliers de compostage le samedi. ", 11)

// seededInitiative is the columns of the i-th seeded initiative.
func seededInitiative(rng *rand.Rand, i int) []any {
	lon, lat := minLon+rng.Float64()*(maxLon-minLon), minLat+rng.Float64()*(maxLat-minLat)
	stamp := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second).Format("2006-01-02 15:04:05.000Z")
	return []any{fmt.Sprintf("seed%011d", i), fmt.Sprintf("Jardin partagé n° %d", i), seededText,
		fmt.Sprintf("%d rue de la République, Saint-Denis", 1+i%200), fmt.Sprintf(`{"lon":%.6f,"lat":%.6f}`, lon, lat),
		s.VisibilityPublic, s.StatusPublished, stamp, stamp}
}
