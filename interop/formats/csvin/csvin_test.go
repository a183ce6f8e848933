package csvin

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/formats/input"
	s "github.com/maillage/maillage/schema"
)

func readFixture(t *testing.T, path string) []byte {
	t.Helper()
	data, err := readFile(filepath.Join("testdata", path))
	if err != nil {
		t.Fatalf("fixture missing: %v (copy it from shared/data, see testdata/SOURCES.md)", err)
	}
	return data
}

// TestReadCSVSpectrum compares the reading layer's rows, as maps, with each csv-spectrum
// expected parse.
func TestReadCSVSpectrum(t *testing.T) {
	files, _ := filepath.Glob("testdata/csv-spectrum/csvs/*.csv")
	if len(files) != 12 {
		t.Fatalf("got %d csv-spectrum files, want 12", len(files))
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".csv")
		t.Run(name, func(t *testing.T) {
			table, err := Read(readFixture(t, "csv-spectrum/csvs/"+name+".csv"))
			if err != nil {
				t.Fatalf("got %v, want the file read", err)
			}
			got := make([]map[string]string, len(table.Rows))
			for i, row := range table.Rows {
				got[i] = table.Map(row)
			}
			want := expected(t, name)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

// upstreamErrors are the csv-spectrum expectations that contradict their own CSV: for
// location_coordinates, the JSON is one object (not an array) and its phone number is not the
// CSV's. The test corrects that one cell and checks everything else as written.
var upstreamErrors = map[string]map[string]string{
	"location_coordinates": {"Contact Phone Number": "2095257564"},
}

func expected(t *testing.T, name string) []map[string]string {
	t.Helper()
	data := readFixture(t, "csv-spectrum/json/"+name+".json")
	var rows []map[string]string
	if err := json.Unmarshal(data, &rows); err != nil {
		var one map[string]string
		if json.Unmarshal(data, &one) != nil {
			t.Fatalf("expected JSON of %s: %v", name, err)
		}
		rows = []map[string]string{one}
	}
	for k, v := range upstreamErrors[name] {
		if rows[0][k] == v {
			t.Fatalf("%s: upstream expectation now agrees with the CSV, drop the correction", name)
		}
		rows[0][k] = v
	}
	return rows
}

func TestDecodeFranceServices(t *testing.T) {
	got, err := Decode(strings.NewReader(string(readFixture(t, "france-services-93-seine-saint-denis.csv"))), s.Initiatives)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Items) != 32 || len(got.Problems) != 0 {
		t.Fatalf("got %d items and problems %v, want 32 items and none", len(got.Items), got.Problems)
	}
	first := got.Items[0]
	want := interop.Item{
		ExternalID: "549", Label: "line 2 (France services Pimms Médiation Noisy-Le-Grand - Pavé-Neuf)",
		Name:    "France services Pimms Médiation Noisy-Le-Grand - Pavé-Neuf",
		Address: "11 - 15 Mail Fréderico Garcia, 93160 Noisy-le-Grand", Email: "noisy-le-grand@pimms.org",
		Phone: "01 43 05 18 89", Geo: &interop.Point{Lon: 2.556592, Lat: 48.83887},
		OpeningHours: "Mo 13:30 - 18:00; Tu 09:00 - 18:00; We 13:30 - 18:00; Th 09:00 - 18:00; Fr 09:00 - 18:00",
	}
	first.Extra = nil
	if !reflect.DeepEqual(first, want) {
		t.Errorf("got %+v, want %+v", first, want)
	}
	if v := got.Items[0].Extra["format_fs"]; v != "Fixe" {
		t.Errorf("got Extra[format_fs] %q, want every column kept in Extra", v)
	}
}

// TestDecodeWindows1252Semicolon writes a real row the way a French spreadsheet saves it:
// Windows-1252, semicolons, decimal commas, French headers with accents.
func TestDecodeWindows1252Semicolon(t *testing.T) {
	text := "Nom;Adresse;Code postal;Ville;Latitude;Longitude;Téléphone;Catégories\r\n" +
		"France services L'Île-Saint-Denis;\"1 rue Méchin; bâtiment B\";93450;L'Île-Saint-Denis;48,920258;2,328324;01 49 40 33 69;Accès aux droits, Numérique\r\n"
	encoded, err := charmap.Windows1252.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(strings.NewReader(encoded), s.Organisations)
	if err != nil || len(got.Items) != 1 {
		t.Fatalf("got %v, %+v, want one item", err, got)
	}
	it := got.Items[0]
	checks := []struct{ what, got, want string }{
		{"name", it.Name, "France services L'Île-Saint-Denis"},
		{"address", it.Address, "1 rue Méchin; bâtiment B, 93450 L'Île-Saint-Denis"},
		{"phone", it.Phone, "01 49 40 33 69"},
		{"categories", strings.Join(it.Categories, "|"), "Accès aux droits|Numérique"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.what, c.got, c.want)
		}
	}
	if it.Geo == nil || it.Geo.Lat != 48.920258 || it.Geo.Lon != 2.328324 {
		t.Errorf("geo: got %+v, want 48.920258, 2.328324", it.Geo)
	}
}

func TestDecodeRowsAndProblems(t *testing.T) {
	tests := []struct {
		name, csv, collection string
		items                 int
		codes                 []string
	}{
		{"address only, no coordinates", "nom,adresse\nJardin,1 rue de Paris\n", s.Initiatives, 1, nil},
		{"bad latitude", "name,lat,lon\nA,91,2\nB,48.9,2.3\n", s.Initiatives, 1, []string{"format_bad_coordinates"}},
		{"half a position", "name,lat,lon\nA,48.9,\n", s.Initiatives, 0, []string{"format_bad_coordinates"}},
		{"lat, lon in one cell", "name,geo_point_2d\nA,\"48.93, 2.35\"\n", s.Initiatives, 1, nil},
		{"stray separator", "name,address\nA,1 rue X,Paris\n", s.Initiatives, 0, []string{"format_csv_extra_cells"}},
		{"event without start", "titre,lieu\nBal,Salle\n", s.Events, 0, []string{"format_event_without_start"}},
		{"event with a bad date", "titre,debut\nBal,demain\n", s.Events, 0, []string{"format_bad_date"}},
		{"event ends before it starts", "title,start,end\nBal,2025-05-17T20:00,2025-05-17T18:00\n", s.Events, 0, []string{"format_event_end_before_start"}},
		{"events, French dates", "titre,date de début,date de fin\nBal,17/05/2025 20:00,17/05/2025 23:30\n", s.Events, 1, nil},
		{"blank lines skipped", "name\n\nA\n,\n", s.Initiatives, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(strings.NewReader(tt.csv), tt.collection)
			if err != nil {
				t.Fatal(err)
			}
			var codes []string
			for _, p := range got.Problems {
				codes = append(codes, p.Code)
			}
			if len(got.Items) != tt.items || !reflect.DeepEqual(codes, tt.codes) {
				t.Errorf("got %d items and problems %v, want %d and %v", len(got.Items), codes, tt.items, tt.codes)
			}
		})
	}
}

func TestDecodeRefusesUnusableFiles(t *testing.T) {
	tests := []struct{ name, csv, collection, code string }{
		{"empty", "", s.Initiatives, input.CodeEmpty},
		{"spaces only", " \n\n", s.Initiatives, input.CodeEmpty},
		{"binary", "name\x00\x01", s.Initiatives, input.CodeBinary},
		{"duplicate column", "name,lat,name\nA,1,B\n", s.Initiatives, CodeDuplicateColumn},
		{"blank header", ",,\nA,B,C\n", s.Initiatives, CodeNoHeader},
		{"unknown collection", "name\nA\n", "users", input.CodeUnknownCollection},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(strings.NewReader(tt.csv), tt.collection)
			checkRefusal(t, err, tt.code)
		})
	}
}

func TestDecodeBoundsSize(t *testing.T) {
	defer func(b int64, n int) { input.MaxBytes, input.MaxItems = b, n }(input.MaxBytes, input.MaxItems)
	input.MaxBytes = 64
	_, err := Decode(strings.NewReader("name\n"+strings.Repeat("a long enough name\n", 10)), s.Initiatives)
	checkRefusal(t, err, input.CodeTooLarge)
	input.MaxBytes, input.MaxItems = 1<<20, 3
	_, err = Decode(strings.NewReader("name\nA\nB\nC\nD\n"), s.Initiatives)
	checkRefusal(t, err, input.CodeTooManyItems)
}

func checkRefusal(t *testing.T, err error, code string) {
	t.Helper()
	var ie *input.Error
	if !errors.As(err, &ie) || ie.Code != code {
		t.Errorf("got %v, want an *input.Error %s", err, code)
	}
}

func readFile(path string) ([]byte, error) { return os.ReadFile(path) }
