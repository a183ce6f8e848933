package storagesweep_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/storagesweep"
)

// benchRecords initiatives hold one photo each; a tenth as many folders hold the photo of a
// record that no longer exists.
const benchRecords = 20000

// BenchmarkSweep: the nightly sweep over the storage of benchRecords photos, beside the listing
// of that storage alone (the sweep's floor), in the same run. No file is old enough to go, so
// every iteration does the same work: the listing and one read per record folder.
//
//	go test -run '^$' -bench Sweep -benchtime 5x ./storagesweep/
func BenchmarkSweep(b *testing.B) {
	app := testapp.New(b, server.Config{})
	seedPhotos(b, app)
	b.Run("list", func(b *testing.B) {
		fsys, err := app.NewFilesystem()
		if err != nil {
			b.Fatal(err)
		}
		defer fsys.Close()
		for b.Loop() {
			if objs, err := fsys.List(""); err != nil || len(objs) < benchRecords {
				b.Fatalf("list: %d objects, %v", len(objs), err)
			}
		}
	})
	b.Run("sweep", func(b *testing.B) {
		for b.Loop() {
			rep, err := storagesweep.Sweep(app, time.Now().Add(-time.Hour))
			if err != nil || rep.Young != benchRecords/10 {
				b.Fatalf("sweep: %+v, %v", rep, err)
			}
		}
	})
}

// seedPhotos inserts benchRecords initiatives naming one photo each, writes the photos, and
// a tenth as many photos of records that do not exist.
func seedPhotos(b *testing.B, app core.App) {
	col, err := app.FindCollectionByNameOrId("initiatives")
	if err != nil {
		b.Fatal(err)
	}
	err = app.RunInTransaction(func(tx core.App) error {
		q := tx.DB().NewQuery(`INSERT INTO initiatives (id, name, geo, status, visibility, deleted, photos, created, updated) ` +
			`VALUES ({:id}, {:id}, '{"lon":2.36,"lat":48.93}', 'published', 'public', FALSE, {:photos}, {:now}, {:now})`)
		now := time.Now().UTC().Format("2006-01-02 15:04:05.000Z")
		for i := range benchRecords {
			id := fmt.Sprintf("sweepbench%05d", i)
			if _, err := q.Bind(map[string]any{"id": id, "photos": `["photo.jpg"]`, "now": now}).Execute(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	root := filepath.Join(app.DataDir(), "storage", col.Id)
	for i := range benchRecords + benchRecords/10 {
		writePhoto(b, filepath.Join(root, fmt.Sprintf("sweepbench%05d", i), "photo.jpg"))
	}
}

func writePhoto(b *testing.B, path string) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("jpeg"), 0o644); err != nil {
		b.Fatal(err)
	}
}
