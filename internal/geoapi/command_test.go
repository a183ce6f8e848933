package geoapi_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/fixtures"
	"github.com/maillage/maillage/internal/geoapi"
	"github.com/maillage/maillage/internal/testapp"
)

func TestTerritoryImportCommand(t *testing.T) {
	app := testapp.New(t, serverConfig())
	run := func(args ...string) (string, error) {
		cmd := geoapi.TerritoryCommand(app)
		var out bytes.Buffer
		cmd.SetOut(&out)
		cmd.SetErr(&out)
		cmd.SetArgs(args)
		err := cmd.Execute()
		return out.String(), err
	}
	out, err := run("import", fixtures.Path(t, "boundaries", "plaine-commune-9-communes.geojson"), "--territory", "Plaine Commune")
	if err != nil || !strings.Contains(out, `"created": 9`) {
		t.Fatalf("got %q, %v; want 9 created", out, err)
	}
	if n := communeCount(t, app, "Plaine Commune"); n != 9 {
		t.Errorf("got %d communes, want 9", n)
	}
	_, err = run("import", fixtures.Path(t, "boundaries", "departement-93-seine-saint-denis.geojson"), "--territory", "X")
	if err == nil || !strings.Contains(err.Error(), "feature 1 (93 Seine-Saint-Denis)") {
		t.Errorf("département file: got %v, want a refusal naming feature 1", err)
	}
	if _, err := run("import", "no-such-file.geojson", "--territory", "X"); err == nil {
		t.Error("a missing file was accepted")
	}
}
