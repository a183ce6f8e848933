package bench

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"

	"github.com/maillage/maillage/internal/binarytest"
)

// BenchmarkItem8InProcess runs the cases of BenchmarkHTTPBinary against a server in the test
// process (same data, same user), so that -cpuprofile sees the handlers:
//
//	go test -run '^$' -bench BenchmarkItem8InProcess -benchtime 20x -cpuprofile cpu.out ./mobile_sync/bench
//
// ITEM8_CASES picks cases by name prefix (comma-separated; all by default), ITEM8_PATH "fast"
// or "stock" one of the two paths (both by default); ITEM8_KEEP=file.db keeps a copy of the data.
func BenchmarkItem8InProcess(b *testing.B) {
	f := newFixture(b)
	places, err := loadPlaces()
	if err != nil {
		b.Fatal(err)
	}
	var cats []string
	if err := f.srv.App().DB().NewQuery("SELECT id FROM categories").Column(&cats); err != nil {
		b.Fatal(err)
	}
	sqlDB := f.srv.App().NonconcurrentDB().(*dbx.DB).DB()
	if err := seedPlaineCommune(sqlDB, envInt("BINARY_BENCH_RECORDS", 20000), places, cats, f.authors, f.communities); err != nil {
		b.Fatal(err)
	}
	if keep := os.Getenv("ITEM8_KEEP"); keep != "" { // a copy of the data, to study queries with the sqlite3 shell
		if _, err := sqlDB.Exec("VACUUM INTO ?", keep); err != nil {
			b.Fatal(err)
		}
	}
	srv := &binaryServer{Server: &binarytest.Server{Addr: strings.TrimPrefix(f.srv.URL(), "http://")}, b: b, token: f.token, http: f.http}
	var run []func(bool) []json.RawMessage
	for _, c := range binaryCases(srv) {
		if !picked(c.name) {
			continue
		}
		c.check(b)
		if os.Getenv("ITEM8_PATH") != "stock" {
			run = append(run, c.fast)
		}
		if os.Getenv("ITEM8_PATH") != "fast" {
			run = append(run, c.stock)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		for _, r := range run {
			r(false)
		}
	}
}

func picked(name string) bool {
	list := os.Getenv("ITEM8_CASES")
	if list == "" {
		return true
	}
	for _, p := range strings.Split(list, ",") {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}
