package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// importSummary is the last line `maillage import` prints.
type importSummary struct {
	Created, Updated, Skipped, Duplicates int
	Errors                                []struct{ Item, Message string }
}

// places is a GeoJSON file of two places of Plaine Commune and one in Lyon, as a uMap layer
// export would give them.
const places = `{"type":"FeatureCollection","features":[
{"type":"Feature","id":"jardin","geometry":{"type":"Point","coordinates":[2.3833,48.95]},"properties":{"name":"Jardin du Fort","website":"https://jardin.example.org"}},
{"type":"Feature","id":"ressourcerie","geometry":{"type":"Point","coordinates":[2.3597,48.9355]},"properties":{"name":"Ressourcerie du Canal"}},
{"type":"Feature","id":"lyon","geometry":{"type":"Point","coordinates":[4.8357,45.764]},"properties":{"name":"Halles de Lyon"}}]}`

// TestImportCommand runs `maillage import` on the data dir of a running server, as an admin
// would: the summary, a second run that creates nothing, a dry run that writes nothing, the
// server seeing the records, and clear refusals of bad arguments and unusable files.
func TestImportCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	upsertSuperuser(t, bin, dir)
	srv := startServer(t, bin, dir, "--demo")
	file := filepath.Join(t.TempDir(), "places.geojson")
	if err := os.WriteFile(file, []byte(places), 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"import", "--format", "geojson", "--collection", "initiatives", "--source", "umap", "--dir", dir}

	dry := runImport(t, bin, append(args, "--dry-run", file)...)
	admin := srv.login(t, "_superusers", adminEmail)
	if n := srv.total(t, "initiatives", admin, `source="umap"`); n != 0 {
		t.Fatalf("a dry run wrote %d records", n)
	}
	first := runImport(t, bin, append(args, file)...)
	if first.Created != 2 || first.Skipped != 1 || len(first.Errors) != 1 || !strings.Contains(first.Errors[0].Item, "Halles de Lyon") {
		t.Fatalf("got %+v, want 2 created and Lyon skipped with its reason", first)
	}
	if dry.Created != first.Created || dry.Skipped != first.Skipped {
		t.Fatalf("dry run %+v, real run %+v: want the same counts", dry, first)
	}
	if n := srv.total(t, "initiatives", "", `source="umap"`); n != 2 {
		t.Fatalf("anonymous sees %d imported initiatives, want 2 (published and public)", n)
	}
	again := runImport(t, bin, append(args, "-")...) // the same file on standard input
	if again.Created != 0 || again.Updated != 0 || again.Skipped != 3 {
		t.Fatalf("second import: got %+v, want nothing created or updated", again)
	}
	checkImportRefusals(t, bin, dir, file)
}

// checkImportRefusals: wrong arguments and unusable files exit non-zero with one line saying why.
func checkImportRefusals(t *testing.T, bin, dir, file string) {
	t.Helper()
	junk := filepath.Join(t.TempDir(), "junk.geojson")
	_ = os.WriteFile(junk, []byte("\x00\x01 not json {"), 0o600)
	for name, args := range map[string][]string{
		"unknown collection": {"import", "--format", "geojson", "--collection", "users", "--dir", dir, file},
		"unknown format":     {"import", "--format", "xls", "--collection", "initiatives", "--dir", dir, file},
		"missing file":       {"import", "--format", "geojson", "--collection", "initiatives", "--dir", dir, file + ".nope"},
		"unusable file":      {"import", "--format", "geojson", "--collection", "initiatives", "--dir", dir, junk},
	} {
		var stdout, stderr bytes.Buffer
		cmd := exec.Command(bin, args...)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		cmd.Env = append(os.Environ(), "LANG=en_GB.UTF-8")
		err := cmd.Run()
		reason := strings.TrimSpace(stderr.String())
		if err == nil || reason == "" || strings.Count(reason, "\n") > 0 || strings.Contains(reason, "panic") {
			t.Errorf("%s: got exit %v, stderr %q, want a non-zero exit with a one-line reason", name, err, reason)
		}
	}
}

// runImport runs `maillage import` with stdin from the last file argument when it is "-".
func runImport(t *testing.T, bin string, args ...string) importSummary {
	t.Helper()
	cmd := exec.Command(bin, args...)
	if args[len(args)-1] == "-" {
		cmd.Stdin = strings.NewReader(places)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("maillage %v: %v\n%s", args, err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	var sum importSummary
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &sum); err != nil {
		t.Fatalf("last line %q is not the JSON summary: %v", lines[len(lines)-1], err)
	}
	return sum
}
