// Package bench measures the sync protocol against the stock PocketBase paths it replaces, side
// by side in the same run, on a real Maillage server over real HTTP with a realistic dataset:
// initiatives and events of about 1 KB built from the France services open data, under the
// real list rules (published, not deleted, public or community-visible to members). Results
// and the command that reproduces them are in BENCHMARKS.md.
package bench

import (
	"fmt"
	"net/http"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/mobile_sync/simulation"
	s "github.com/maillage/maillage/schema"
)

// fixture is a running server seeded with a dataset, and the user the benchmarks act as: a
// resident member of one community.
type fixture struct {
	srv         *simulation.Server
	user, token string
	authors     []string // authors of the seeded records
	communities []string
	http        *http.Client
	seeded      time.Duration
}

var (
	fixtures  = map[string]*fixture{}
	fixtureMu sync.Mutex
	tempDirs  []string
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, f := range fixtures {
		f.srv.Close()
	}
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// getFixture returns the server seeded with initiatives and events, built on first use and
// shared by the benchmarks of the process.
func getFixture(b *testing.B, initiatives, events int) *fixture {
	b.Helper()
	fixtureMu.Lock()
	defer fixtureMu.Unlock()
	key := fmt.Sprintf("%d/%d", initiatives, events)
	if f, ok := fixtures[key]; ok {
		return f
	}
	f := newFixture(b)
	start := time.Now()
	if err := seedContent(f, initiatives, events); err != nil {
		b.Fatalf("seed %s: %v", key, err)
	}
	f.seeded = time.Since(start)
	b.Logf("seeded %d initiatives and %d events in %v", initiatives, events, f.seeded.Round(time.Millisecond))
	fixtures[key] = f
	return f
}

func newFixture(b *testing.B) *fixture {
	dir, err := os.MkdirTemp("", "maillage-bench-")
	if err != nil {
		b.Fatal(err)
	}
	tempDirs = append(tempDirs, dir)
	srv, err := simulation.StartServer(dir, server.Config{}, nil)
	if err != nil {
		b.Fatalf("start server: %v", err)
	}
	f := &fixture{srv: srv, http: &http.Client{Timeout: time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: 2000, MaxConnsPerHost: 0}}}
	app := srv.App()
	for i := range 3 {
		owner, _ := testapp.NewUser(b, app, fmt.Sprintf("owner%d@example.org", i), s.RoleFacilitator)
		c := testapp.NewRecord(b, app, s.Communities, map[string]any{"name": fmt.Sprintf("Collectif %d", i), "owner": owner.Id})
		f.communities = append(f.communities, c.Id)
		f.authors = append(f.authors, owner.Id)
	}
	u, token := testapp.NewUser(b, app, "resident@example.org", s.RoleResident)
	testapp.NewRecord(b, app, s.Memberships, map[string]any{"community": f.communities[0], "user": u.Id, "role": "member"})
	f.user, f.token = u.Id, token
	f.authors = append(f.authors, u.Id)
	return f
}
