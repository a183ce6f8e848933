package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/binarytest"
)

// TestBinary is issue 2's "How it will be checked", run on the real binary over real HTTP: it
// builds maillage, serves the demo on a fresh data dir, and checks health, the shell, what
// anonymous sees, sign-up, moderation of a resident's and a facilitator's initiatives, that a
// resident cannot raise their role, that a second --demo start adds nothing, and that without
// --demo a fresh database stays empty.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	upsertSuperuser(t, bin, dir)
	srv := startServer(t, bin, dir, "--demo")
	admin := srv.login(t, "_superusers", adminEmail)
	checkServes(t, srv)
	checkContributions(t, srv, admin)
	checkAnonymousSeesOnlyPublished(t, srv)
	before := srv.counts(t, admin)
	srv.stop(t)

	again := startServer(t, bin, dir, "--demo")
	if after := again.counts(t, admin); !equalCounts(before, after) {
		t.Errorf("second serve --demo changed the counts: before %v, after %v", before, after)
	}
	again.stop(t)

	empty := t.TempDir()
	upsertSuperuser(t, bin, empty)
	bare := startServer(t, bin, empty)
	for coll, n := range bare.counts(t, bare.login(t, "_superusers", adminEmail)) {
		if n != 0 {
			t.Errorf("without --demo, %s: got %d records, want 0", coll, n)
		}
	}
	bare.stop(t)
}

const (
	adminEmail = "admin@example.org"
	password   = "correct horse battery"
)

// listed are the user-facing collections the checks count and list.
var listed = []string{"organisations", "initiatives", "events", "offers", "communes"}

// checkServes checks the health endpoint, the shell page and the data credits.
func checkServes(t *testing.T, srv *process) {
	srv.expect(t, http.MethodGet, "/api/health", "", nil, http.StatusOK, nil)
	status, body := srv.do(t, http.MethodGet, "/", "", nil)
	if status != http.StatusOK || !strings.Contains(string(body), "<title>Maillage</title>") {
		t.Errorf("GET /: got %d %.200q, want 200 and the Maillage shell", status, body)
	}
	_, credits := srv.do(t, http.MethodGet, "/api/maillage/credits", "", nil)
	if !strings.Contains(string(credits), "Licence Ouverte") {
		t.Errorf("credits: got %.300s, want the demo's Licence Ouverte sources", credits)
	}
}

// checkContributions signs two residents up, checks that a resident's initiative waits for a
// moderator unseen by others, that a facilitator's is public at once, and that a resident
// cannot make themself moderator.
func checkContributions(t *testing.T, srv *process, admin string) {
	resident := srv.signUp(t, "awa@example.org")
	other := srv.signUp(t, "bilal@example.org")
	pending := srv.createInitiative(t, resident, "Repair café du Landy", "pending")
	srv.expect(t, http.MethodGet, "/api/collections/initiatives/records/"+pending, resident.token, nil, http.StatusOK, nil)
	for who, token := range map[string]string{"another resident": other.token, "anonymous": ""} {
		if status, _ := srv.do(t, http.MethodGet, "/api/collections/initiatives/records/"+pending, token, nil); status != http.StatusNotFound {
			t.Errorf("%s views the pending initiative: got %d, want 404", who, status)
		}
		if n := srv.total(t, "initiatives", token, "id='"+pending+"'"); n != 0 {
			t.Errorf("%s lists the pending initiative: got %d, want 0", who, n)
		}
	}
	srv.expect(t, http.MethodPost, "/api/collections/users/records", admin, map[string]any{
		"email": "fatou@example.org", "password": password, "passwordConfirm": password,
		"name": "Fatou", "role": "facilitator", "verified": true}, http.StatusOK, nil)
	facilitator := srv.loginUser(t, "fatou@example.org")
	public := srv.createInitiative(t, facilitator, "Jardin partagé des Joncherolles", "published")
	srv.expect(t, http.MethodGet, "/api/collections/initiatives/records/"+public, "", nil, http.StatusOK, nil)
	if n := srv.total(t, "initiatives", "", "id='"+public+"'"); n != 1 {
		t.Errorf("anonymous lists the facilitator's initiative: got %d, want 1", n)
	}

	if status, _ := srv.do(t, http.MethodPatch, "/api/collections/users/records/"+resident.id, resident.token,
		map[string]any{"role": "moderator"}); status == http.StatusOK {
		t.Errorf("resident makes themself moderator: got 200, want a refusal")
	}
	var me struct{ Role string }
	srv.expect(t, http.MethodGet, "/api/collections/users/records/"+resident.id, resident.token, nil, http.StatusOK, &me)
	if me.Role != "resident" {
		t.Errorf("resident's role after asking for moderator: got %q, want resident", me.Role)
	}
}

// checkAnonymousSeesOnlyPublished lists every content collection anonymously: the demo's
// records are there, and every record listed is public, published and not deleted.
func checkAnonymousSeesOnlyPublished(t *testing.T, srv *process) {
	for _, coll := range listed[:4] {
		var page struct {
			TotalItems int `json:"totalItems"`
			Items      []struct {
				ID, Visibility, Status string
				Deleted                bool
			} `json:"items"`
		}
		srv.expect(t, http.MethodGet, "/api/collections/"+coll+"/records?perPage=1000", "", nil, http.StatusOK, &page)
		if page.TotalItems == 0 || len(page.Items) != page.TotalItems {
			t.Errorf("anonymous %s: got %d items of %d, want all the demo's (> 0)", coll, len(page.Items), page.TotalItems)
		}
		for _, it := range page.Items {
			if it.Visibility != "public" || it.Status != "published" || it.Deleted {
				t.Errorf("anonymous %s lists %s: %s, %s, deleted %v", coll, it.ID, it.Visibility, it.Status, it.Deleted)
			}
		}
	}
}

// account is a signed-in user of the binary under test.
type account struct{ id, token string }

func (s *process) signUp(t *testing.T, email string) account {
	t.Helper()
	s.expect(t, http.MethodPost, "/api/collections/users/records", "", map[string]any{
		"email": email, "password": password, "passwordConfirm": password, "name": email}, http.StatusOK, nil)
	return s.loginUser(t, email)
}

func (s *process) loginUser(t *testing.T, email string) account {
	t.Helper()
	var res struct {
		Token  string
		Record struct{ ID string }
	}
	s.expect(t, http.MethodPost, "/api/collections/users/auth-with-password", "",
		map[string]any{"identity": email, "password": password}, http.StatusOK, &res)
	return account{id: res.Record.ID, token: res.Token}
}

// login returns the auth token of email in the auth collection coll.
func (s *process) login(t *testing.T, coll, email string) string {
	t.Helper()
	var res struct{ Token string }
	s.expect(t, http.MethodPost, "/api/collections/"+coll+"/auth-with-password", "",
		map[string]any{"identity": email, "password": password}, http.StatusOK, &res)
	return res.Token
}

// createInitiative posts an initiative by a and checks the moderation status it got.
func (s *process) createInitiative(t *testing.T, a account, name, wantStatus string) string {
	t.Helper()
	var rec struct{ ID, Status, Visibility string }
	s.expect(t, http.MethodPost, "/api/collections/initiatives/records", a.token,
		map[string]any{"name": name, "author": a.id, "status": "published"}, http.StatusOK, &rec)
	if rec.Status != wantStatus || rec.Visibility != "public" {
		t.Errorf("new initiative %q: got %s %s, want %s public", name, rec.Status, rec.Visibility, wantStatus)
	}
	return rec.ID
}

// counts returns the number of records of every listed collection, as seen by a superuser.
func (s *process) counts(t *testing.T, admin string) map[string]int {
	t.Helper()
	n := map[string]int{}
	for _, coll := range listed {
		n[coll] = s.total(t, coll, admin, "")
	}
	return n
}

func (s *process) total(t *testing.T, coll, token, filter string) int {
	t.Helper()
	var page struct {
		TotalItems int `json:"totalItems"`
	}
	url := "/api/collections/" + coll + "/records?perPage=1&filter=" + strings.ReplaceAll(filter, " ", "%20")
	s.expect(t, http.MethodGet, url, token, nil, http.StatusOK, &page)
	return page.TotalItems
}

func equalCounts(a, b map[string]int) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return len(a) == len(b)
}

// buildBinary builds maillage as the README and the Dockerfile do, into a temporary dir.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "maillage")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// upsertSuperuser runs `maillage superuser upsert` on dir, as the README tells a newcomer to.
func upsertSuperuser(t *testing.T, bin, dir string) {
	t.Helper()
	out, err := exec.Command(bin, "superuser", "upsert", adminEmail, password, "--dir", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("superuser upsert: %v\n%s", err, out)
	}
}

// process is a running `maillage serve` process.
type process struct {
	*binarytest.Server
	base string
}

// startServer starts `maillage serve` on a free port of 127.0.0.1 and waits until it is healthy.
func startServer(t *testing.T, bin, dir string, flags ...string) *process {
	t.Helper()
	s := &process{Server: &binarytest.Server{Bin: bin, Dir: dir, Args: flags}}
	t.Cleanup(s.Kill)
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	s.base = s.URL("")
	return s
}

// stop asks the server to end, as `fly deploy` does (SIGTERM), and waits for a clean exit.
func (s *process) stop(t *testing.T) {
	t.Helper()
	if !s.Stop(time.Minute) {
		t.Fatalf("serve still running a minute after SIGTERM:\n%s", s.Output())
	}
	if code := s.ExitCode(); code != 0 {
		t.Errorf("serve exited with %d:\n%s", code, s.Output())
	}
}

// do sends a JSON request with an optional auth token and returns the status and body.
func (s *process) do(t *testing.T, method, path, token string, body any) (int, []byte) {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatalf("encode body: %v", err)
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, s.base+path, r)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return res.StatusCode, b
}

// expect sends a request, fails unless it answers status, and decodes the body into out.
func (s *process) expect(t *testing.T, method, path, token string, body any, status int, out any) {
	t.Helper()
	got, b := s.do(t, method, path, token, body)
	if got != status {
		t.Fatalf("%s %s: got %d %s, want %d", method, path, got, b, status)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: decode %.300s: %v", method, path, b, err)
		}
	}
}
