package crashtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// Sizes of the import scenario: items of the file, and the importer's transaction size
// (interop/importer chunkSize).
const (
	importItems = 1000
	importChunk = 250
)

// TestKillDuringImport: `maillage import` writes a file beside a running server; both are
// killed with SIGKILL once a transaction of the import is committed (a machine that stops). The
// database passes integrity_check, holds whole transactions only, and running the import again
// yields exactly the file's records, none twice.
func TestKillDuringImport(t *testing.T) {
	skipShort(t)
	s := newServer(t)
	file := placesFile(t)
	for i := range iterations(t) {
		source := fmt.Sprintf("crash%d", i)
		committed := killedImport(t, s, file, source, 1+i%3)
		sum := s.importFile(t, file, source)
		if sum.Created != importItems-committed || sum.Skipped != committed || sum.Updated != 0 || len(sum.Errors) != 0 {
			t.Fatalf("import again after %d committed: got %+v, want the %d others created, the rest unchanged",
				committed, sum, importItems-committed)
		}
		if err := checkImported(t, s, source, importItems); err != nil {
			t.Fatalf("after the second import: %v", err)
		}
		integrity(t, s.db())
		t.Logf("kill %d: %d items committed when killed, %d created by the second run", i, committed, sum.Created)
	}
}

// TestImportChecksCatchHalfApplied is the negative control of TestKillDuringImport: after the
// kill, one record's import state is deleted, as an importer that wrote the states apart from
// the records would leave it. The check must fail.
func TestImportChecksCatchHalfApplied(t *testing.T) {
	skipShort(t)
	s := newServer(t)
	n := killedImport(t, s, placesFile(t), "control", 1)
	s.kill()
	execSQL(t, s.db(), "DELETE FROM importStates WHERE id IN (SELECT id FROM importStates WHERE source = ? LIMIT 1)", "control")
	s.start()
	if err := checkImported(t, s, "control", n); err == nil {
		t.Fatalf("a record without its import state passed the check")
	} else {
		t.Logf("caught: %v", err)
	}
}

// killedImport starts an import, kills it and the server once `chunks` transactions are
// committed, restarts the server, checks what the database holds, and returns how many items
// were committed.
func killedImport(t *testing.T, s *server, file, source string, chunks int) int {
	t.Helper()
	cmd := exec.Command(binary, "import", "--format", "geojson", "--collection", "initiatives",
		"--source", source, "--dir", s.dir, file)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	db := readOnly(t, s.db())
	waitFor(t, "import transaction committed", func() bool {
		return count(t, db, "SELECT COUNT(*) FROM initiatives WHERE source = ?", source) >= int64(chunks*importChunk)
	})
	_ = cmd.Process.Signal(syscall.SIGKILL)
	s.kill()
	if err := cmd.Wait(); err == nil {
		t.Fatalf("the import ended before the kill: the test did not cut it")
	}
	s.start()
	integrity(t, s.db())
	n := int(count(t, readOnly(t, s.db()), "SELECT COUNT(*) FROM initiatives WHERE source = ?", source))
	if n%importChunk != 0 || n < chunks*importChunk || n >= importItems {
		t.Fatalf("%d records after the kill: want whole transactions of %d, at least the %d seen", n, importChunk, chunks*importChunk)
	}
	if err := checkImported(t, s, source, n); err != nil {
		t.Fatalf("after the kill: %v", err)
	}
	return n
}

// checkImported: the source has exactly want records, one per externalId, each with its
// import state (written in the same transaction).
func checkImported(t *testing.T, s *server, source string, want int) error {
	t.Helper()
	db := readOnly(t, s.db())
	got := map[string]int64{
		"records":      count(t, db, "SELECT COUNT(*) FROM initiatives WHERE source = ?", source),
		"externalIds":  count(t, db, "SELECT COUNT(DISTINCT externalId) FROM initiatives WHERE source = ?", source),
		"names":        count(t, db, "SELECT COUNT(DISTINCT name) FROM initiatives WHERE source = ?", source),
		"importStates": count(t, db, "SELECT COUNT(*) FROM importStates WHERE source = ?", source),
		"states of a record": count(t, db, `SELECT COUNT(*) FROM importStates s JOIN initiatives i
			ON i.id = s.record AND i.externalId = s.externalId WHERE s.source = ?`, source),
	}
	for what, n := range got {
		if n != int64(want) {
			return fmt.Errorf("%s of source %s: %d, want %d (all counts: %v)", what, source, n, want, got)
		}
	}
	return nil
}

// importSummary is the JSON line `maillage import` ends with.
type importSummary struct {
	Created, Updated, Skipped, Duplicates int
	Errors                                []json.RawMessage
}

// importFile runs `maillage import` to its end and returns its summary.
func (s *server) importFile(t *testing.T, file, source string) importSummary {
	t.Helper()
	out := s.maillage("import", "--format", "geojson", "--collection", "initiatives", "--source", source, file)
	lines := bytes.Split(bytes.TrimSpace(out), []byte("\n"))
	var sum importSummary
	if err := json.Unmarshal(lines[len(lines)-1], &sum); err != nil {
		t.Fatalf("import summary %q: %v", lines[len(lines)-1], err)
	}
	return sum
}

// placesFile writes a GeoJSON file of importItems places, each with its own id, name and point
// (about 100 m apart, so that none looks like a duplicate of another).
func placesFile(t *testing.T) string {
	t.Helper()
	var features []map[string]any
	for i := range importItems {
		features = append(features, map[string]any{"type": "Feature", "id": fmt.Sprintf("place-%d", i),
			"geometry":   map[string]any{"type": "Point", "coordinates": []float64{2.30 + float64(i%40)*0.0015, 48.88 + float64(i/40)*0.001}},
			"properties": map[string]any{"name": fmt.Sprintf("Lieu numéro %d", i)}})
	}
	data, err := json.Marshal(map[string]any{"type": "FeatureCollection", "features": features})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "places.geojson")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}
