package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/binarytest"
	s "github.com/maillage/maillage/schema"
)

// binaryServer is a `maillage serve` process, the real binary as deployed, on a data dir of
// its own, and the benchmark user's token.
type binaryServer struct {
	*binarytest.Server
	b           *testing.B
	dir         string
	token       string // the benchmark user: a resident, member of one community
	superToken  string
	user        string
	communities []string
	authors     []string
	http        *http.Client
	// inHTTP is the time spent so far from sending a request to reading its answer's last
	// byte: the wall time without the client's decoding.
	inHTTP time.Duration
}

const binaryAdmin, binaryPassword = "bench-admin@example.org", "bench admin password"

// binaryPath is the binary to run: MAILLAGE_BINARY when set (to compare two builds in one
// session), else one built from this tree into dir.
func binaryPath(b *testing.B, dir string) string {
	if p := os.Getenv("MAILLAGE_BINARY"); p != "" {
		return p
	}
	bin, err := binarytest.Build(filepath.Join("..", ".."), dir)
	if err != nil {
		b.Fatal(err)
	}
	return bin
}

// startBinary makes a data dir with a superuser, starts `serve` on a free loopback port and
// waits until it answers.
func startBinary(b *testing.B) *binaryServer {
	dir := b.TempDir()
	srv := &binaryServer{Server: &binarytest.Server{Bin: binaryPath(b, dir), Dir: filepath.Join(dir, "pb_data")}, b: b,
		http: &http.Client{Timeout: 5 * time.Minute}}
	srv.dir = srv.Dir
	if _, err := srv.Run("superuser", "upsert", binaryAdmin, binaryPassword); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(srv.stop)
	if err := srv.Start(); err != nil {
		b.Fatal(err)
	}
	return srv
}

// stop ends the server (SIGTERM, then SIGKILL after 10 s) and waits until it is gone.
func (srv *binaryServer) stop() { srv.Stop(10 * time.Second) }

func (srv *binaryServer) url(path string) string { return srv.URL(path) }

// cpu is the server process's CPU time so far (user + system, from /proc, 10 ms ticks).
func (srv *binaryServer) cpu() time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", srv.PID()))
	if err != nil {
		return 0
	}
	f := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+2:]))
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

// call sends a JSON request with token and returns the 2xx answer's body.
func (srv *binaryServer) call(method, path, token string, in any) []byte {
	var body io.Reader
	if in != nil {
		data, err := json.Marshal(in)
		if err != nil {
			srv.b.Fatal(err)
		}
		body = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, srv.url(path), body)
	if err != nil {
		srv.b.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	start := time.Now()
	defer func() { srv.inHTTP += time.Since(start) }()
	res, err := srv.http.Do(req)
	if err != nil {
		srv.b.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode/100 != 2 {
		srv.b.Fatalf("%s %s: %d %v %.300s", method, path, res.StatusCode, err, data)
	}
	return data
}

// create saves a record through the REST API as the superuser and returns its id.
func (srv *binaryServer) create(coll string, fields map[string]any) string {
	var out struct{ ID string }
	if err := json.Unmarshal(srv.call(http.MethodPost, "/api/collections/"+coll+"/records", srv.superToken, fields), &out); err != nil {
		srv.b.Fatal(err)
	}
	return out.ID
}

// signIn returns the auth token of email in coll.
func (srv *binaryServer) signIn(coll, email, password string) string {
	var out struct{ Token string }
	body := map[string]string{"identity": email, "password": password}
	if err := json.Unmarshal(srv.call(http.MethodPost, "/api/collections/"+coll+"/auth-with-password", "", body), &out); err != nil {
		srv.b.Fatal(err)
	}
	return out.Token
}

// addPeople makes three community owners and the benchmark user, a resident member of the
// first community, through the REST API as the real server checks them.
func (srv *binaryServer) addPeople() {
	srv.superToken = srv.signIn("_superusers", binaryAdmin, binaryPassword)
	const pw = "correct horse battery"
	user := func(email, role string) string {
		return srv.create(s.Users, map[string]any{"email": email, "password": pw, "passwordConfirm": pw,
			"verified": true, s.FieldRole: role, "name": email})
	}
	var communities []string
	for i := range 3 {
		owner := user(fmt.Sprintf("owner%d@example.org", i), s.RoleFacilitator)
		srv.authors = append(srv.authors, owner)
		communities = append(communities, srv.create(s.Communities, map[string]any{"name": fmt.Sprintf("Collectif %d", i), "owner": owner}))
	}
	srv.user = user("resident@example.org", s.RoleResident)
	srv.authors = append(srv.authors, srv.user)
	srv.create(s.Memberships, map[string]any{"community": communities[0], "user": srv.user, "role": "member"})
	srv.communities = communities
	srv.token = srv.signIn(s.Users, "resident@example.org", pw)
}
