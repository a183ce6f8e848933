package mobilesync_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/server"
	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// A sync request whose token cannot be loaded is refused with 401, never served as anonymous:
// a device would otherwise get a scope reset and re-snapshot public data only. The control:
// PocketBase's own list API serves the same request as a guest.
func TestSyncRefusesATokenItCannotLoad(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	u := srv.NewUser(t, "ana@example.org", s.RoleResident)
	gone := srv.NewUser(t, "gone@example.org", s.RoleResident)
	if err := srv.App.Delete(gone.Record); err != nil {
		t.Fatal(err)
	}
	forged := &synctest.User{Srv: srv, Token: u.Token[:len(u.Token)-2] + "xx", ClientID: synctest.NewClientID()}
	pull := ms.PullRequest{Collections: []string{s.Initiatives}}
	for _, who := range []*synctest.User{forged, gone} {
		for path, body := range map[string]any{
			"/api/sync/pull":     pull,
			"/api/sync/snapshot": ms.SnapshotRequest{Collection: s.Initiatives},
		} {
			status, data, err := who.Call(http.MethodPost, path, body)
			if err != nil || status != http.StatusUnauthorized || !strings.Contains(string(data), "reconnectez-vous") {
				t.Errorf("%s with an unloadable token: %d %s %v, want 401 asking to sign in again", path, status, data, err)
			}
		}
	}
	if status, data, _ := srv.Anonymous().Call(http.MethodPost, "/api/sync/pull", pull); status != http.StatusOK {
		t.Errorf("anonymous pull: %d %s, want 200", status, data)
	}
	status, _, _ := forged.Call(http.MethodGet, "/api/collections/initiatives/records", nil)
	if status != http.StatusOK {
		t.Errorf("control: the stock list API answered %d to a forged token, want 200 (served as a guest)", status)
	}
}
