package replication

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/benbjohnson/litestream"
	_ "modernc.org/sqlite"

	"github.com/maillage/maillage/internal/binarytest"
	"github.com/maillage/maillage/mobile_sync/client"
)

// user is a signed-in account of the server under test.
type user = binarytest.Account

// signIn signs an account of coll in with the common test password.
func (s *server) signIn(coll, email string) user {
	s.t.Helper()
	u, err := binarytest.SignIn(context.Background(), http.DefaultClient, s.URL(""), coll, email, password)
	if err != nil {
		s.t.Fatalf("sign in %s: %v", email, err)
	}
	return u
}

// facilitator creates a verified facilitator (whose initiatives are published at once).
func (s *server) facilitator(email string) user {
	s.t.Helper()
	admin := s.signIn("_superusers", adminEmail)
	err := s.call(http.MethodPost, "/api/collections/users/records", admin.Token, map[string]any{
		"email": email, "password": password, "passwordConfirm": password,
		"name": "Replica", "role": "facilitator", "verified": true}, nil)
	if err != nil {
		s.t.Fatalf("create %s: %v", email, err)
	}
	return s.signIn("users", email)
}

// restCreate creates a public initiative named name through the REST API, as the web app does.
func (s *server) restCreate(u user, name string) string {
	s.t.Helper()
	var rec struct{ ID string }
	err := s.call(http.MethodPost, "/api/collections/initiatives/records", u.Token,
		map[string]any{"name": name, "author": u.ID, "visibility": "public"}, &rec)
	if err != nil {
		s.t.Fatalf("REST create %s: %v", name, err)
	}
	return rec.ID
}

// device is the Go reference client of one user, over a transport that records the resets
// the server sends it.
type device struct {
	name  string
	u     user
	c     *client.Client
	wire  *resetRecorder
	names map[string]string // id → name of what it created
}

func newDevice(s *server, name string, u user) *device {
	wire := &resetRecorder{}
	c := client.New(client.Options{BaseURL: s.url(""), Token: u.Token, Collections: []string{"initiatives"},
		HTTP: &http.Client{Transport: wire, Timeout: time.Minute}})
	return &device{name: name, u: u, c: c, wire: wire, names: map[string]string{}}
}

// create queues a public initiative named name in the outbox (sent at the next sync).
func (d *device) create(t *testing.T, name string) {
	t.Helper()
	id, err := d.c.Create("initiatives", map[string]any{"name": name, "author": d.u.ID, "visibility": "public"})
	if err != nil {
		t.Fatal(err)
	}
	d.names[id] = name
}

func (d *device) sync(t *testing.T) {
	t.Helper()
	if err := d.c.Sync(context.Background()); err != nil {
		t.Fatalf("%s: sync: %v", d.name, err)
	}
}

// resetRecorder passes requests through and records the reason of each reset in a pull answer.
type resetRecorder struct {
	mu     sync.Mutex
	resets []string
}

func (r *resetRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil || res.StatusCode != http.StatusOK || !strings.HasSuffix(req.URL.Path, client.PathPull) {
		return res, err
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		return nil, err
	}
	var page struct{ Reset *struct{ Reason string } }
	if json.Unmarshal(body, &page) == nil && page.Reset != nil {
		r.mu.Lock()
		r.resets = append(r.resets, page.Reset.Reason)
		r.mu.Unlock()
	}
	res.Body = io.NopCloser(strings.NewReader(string(body)))
	return res, nil
}

func (r *resetRecorder) Resets() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.resets)
}

// writeConfig writes a configuration replicating the data dir's data.db to a file replica in
// replicaDir, read from the WAL and sent every interval, and returns its path.
func writeConfig(t *testing.T, replicaDir string, interval time.Duration) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "litestream.yml")
	body := "dbs:\n  - monitor-interval: " + interval.String() + "\n    replica:\n      type: file\n      path: " +
		replicaDir + "\n      sync-interval: " + interval.String() + "\n"
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// readConfig reads a configuration the test wrote.
func readConfig(t *testing.T, path string) Config {
	t.Helper()
	cfg, err := ReadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// names returns the names of the initiatives of the database at path, one per row.
func names(t *testing.T, path string) []string {
	t.Helper()
	db := openRead(t, path)
	defer db.Close()
	rows, err := db.Query("SELECT name FROM initiatives ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	return out
}

// integrity runs PRAGMA integrity_check on the database at path.
func integrity(t *testing.T, path string) string {
	t.Helper()
	db := openRead(t, path)
	defer db.Close()
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil {
		t.Fatal(err)
	}
	return res
}

func openRead(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// replicaNames restores the replica's latest state into a scratch file (as a new machine
// would) and returns its initiatives' names; nil when the replica holds nothing yet.
func replicaNames(t *testing.T, cfg Config) []string {
	t.Helper()
	out := filepath.Join(t.TempDir(), dataDB)
	opt := litestream.NewRestoreOptions()
	opt.OutputPath = out
	if err := mustReplica(t, cfg).Restore(context.Background(), opt); err != nil {
		return nil
	}
	defer os.RemoveAll(filepath.Dir(out))
	return names(t, out)
}

// waitReplicated polls the replica until it holds every name of want.
func waitReplicated(t *testing.T, cfg Config, want ...string) {
	t.Helper()
	deadline := time.Now().Add(upWithin)
	for tick := time.NewTicker(50 * time.Millisecond); time.Now().Before(deadline); <-tick.C {
		got := replicaNames(t, cfg)
		if !slices.ContainsFunc(want, func(n string) bool { return !slices.Contains(got, n) }) {
			return
		}
	}
	t.Fatalf("the replica did not receive %v within %v", want, upWithin)
}

// freeze makes the replica refuse every write from now on (a regular file where its directory
// was): the replica stays where it is, as it would if the machine died within a sync
// interval. thaw puts it back.
func freeze(t *testing.T, replicaDir string) (thaw func()) {
	t.Helper()
	if err := os.Rename(replicaDir, replicaDir+".frozen"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(replicaDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return func() {
		if err := os.Remove(replicaDir); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(replicaDir+".frozen", replicaDir); err != nil {
			t.Fatal(err)
		}
	}
}

// mustReplica is cfg's replica, for a restore.
func mustReplica(t *testing.T, cfg Config) *litestream.Replica {
	t.Helper()
	r, err := cfg.replica(nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
