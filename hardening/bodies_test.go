package hardening_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/hardening"
	"github.com/maillage/maillage/internal/geoapi"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	ms "github.com/maillage/maillage/mobile_sync"
	s "github.com/maillage/maillage/schema"
)

// oversized is a territory file one byte over the upload limit: a valid start, then spaces.
func oversized() io.Reader {
	start := `{"type":"FeatureCollection","features":[]`
	return io.MultiReader(strings.NewReader(start), io.LimitReader(spaces{}, geoapi.MaxTerritoryBytes+1-int64(len(start))))
}

// spaces is an endless reader of spaces.
type spaces struct{}

func (spaces) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

// superuserToken makes a superuser and returns its token.
func superuserToken(t *testing.T, app core.App) string {
	t.Helper()
	coll, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		t.Fatal(err)
	}
	su := core.NewRecord(coll)
	su.SetEmail("admin@example.org")
	su.SetPassword("admin password 1")
	if err := app.Save(su); err != nil {
		t.Fatal(err)
	}
	token, err := su.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// upload posts body to path with token, announcing its length or not (chunked), and returns
// the status and the answer.
func (srv *served) upload(t *testing.T, path, token string, body io.Reader, length int64) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.url+path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = length
	req.Header.Set("Authorization", token)
	req.Header.Set("Accept-Language", "fr")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	answer, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(answer)
}

// communes counts the stored communes.
func communes(t *testing.T, app core.App) int64 {
	t.Helper()
	n, err := app.CountRecords(s.Communes)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestOversizedBodiesAnswer413: a territory file over its limit, with its length announced or
// sent chunked, and a sync push over its own, are refused with 413 and a message in the
// person's language, and store nothing. Control: without the hardening middleware, the
// chunked upload answered 400 "unreadable", which is what it fixes.
func TestOversizedBodiesAnswer413(t *testing.T) {
	srv := serve(t, server.Config{})
	token := superuserToken(t, srv.app)
	path := geoapi.TerritoryPath + "?territory=X"
	for _, length := range []int64{geoapi.MaxTerritoryBytes + 1, -1} {
		status, answer := srv.upload(t, path, token, oversized(), length)
		if status != http.StatusRequestEntityTooLarge || !strings.Contains(answer, "trop volumineux") {
			t.Errorf("territory, length %d: %d %.200s; want 413 saying it is too large", length, status, answer)
		}
	}
	if n := communes(t, srv.app); n != 0 {
		t.Errorf("refused uploads stored %d communes", n)
	}
	_, userToken := testapp.NewUser(t, srv.app, "ana@example.org", s.RoleResident)
	push := io.MultiReader(strings.NewReader(`{"clientId":"`), io.LimitReader(spaces{}, ms.MaxPushBytes))
	if status, answer := srv.upload(t, "/api/sync/push", userToken, push, -1); status != http.StatusRequestEntityTooLarge || !strings.Contains(answer, "5 Mo") {
		t.Errorf("push: %d %.200s; want 413 with the push's own message", status, answer)
	}
	control := serve(t, server.Config{}, hardening.TooLargeID)
	status, _ := control.upload(t, path, superuserToken(t, control.app), oversized(), -1)
	if status != http.StatusBadRequest {
		t.Errorf("control without the middleware: %d, want the 400 it replaces", status)
	}
}
