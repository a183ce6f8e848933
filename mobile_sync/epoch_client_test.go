package mobilesync_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync/atomic"
	"testing"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/mobile_sync/client"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// switchable is one URL in front of a server that a test can swap (a restore behind a
// stable address).
type switchable struct{ target atomic.Pointer[url.URL] }

func (sw *switchable) to(t *testing.T, srv *synctest.Srv) {
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	sw.target.Store(u)
}

func (sw *switchable) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	httputil.NewSingleHostReverseProxy(sw.target.Load()).ServeHTTP(w, r)
}

// After a restore, the reference client takes the epoch reset, re-snapshots, keeps its outbox
// and re-sends what the restored database lost: both the write acknowledged after the backup
// and the one still queued end up on the server, and the device matches the REST API.
func TestClientSurvivesRestore(t *testing.T) {
	ctx := context.Background()
	srv := synctest.Start(t, server.Config{})
	fac := srv.NewUser(t, "fac@example.org", s.RoleFacilitator)
	sw := &switchable{}
	sw.to(t, srv)
	front := httptest.NewServer(sw)
	t.Cleanup(front.Close)
	dev := client.New(client.Options{BaseURL: front.URL, Token: fac.Token, Collections: []string{s.Initiatives}})
	mustSync(t, dev)
	if err := srv.App.CreateBackup(ctx, "before.zip"); err != nil {
		t.Fatalf("backup: %v", err)
	}
	acked, err := dev.Create(s.Initiatives, content(s.Initiatives, fac.ID(), s.VisibilityPublic))
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	mustSync(t, dev)
	queued, err := dev.Create(s.Initiatives, content(s.Initiatives, fac.ID(), s.VisibilityPublic))
	if err != nil {
		t.Fatalf("create: %v", err)
	}

	restored := synctest.Serve(t, restore(t, srv.App, "before.zip", true))
	sw.to(t, restored)
	mustSync(t, dev)
	onServer := sameUserOn(fac, restored)
	for _, id := range []string{acked, queued} {
		if _, err := restored.App.FindRecordById(s.Initiatives, id); err != nil {
			t.Errorf("%s is not on the restored server: %v", id, err)
		}
	}
	rep := replica{}
	for _, id := range dev.ServerIDs(s.Initiatives) {
		row, _ := dev.ServerRow(s.Initiatives, id)
		var upd string
		if err := json.Unmarshal(row.R["updated"], &upd); err != nil {
			t.Fatalf("updated of %s: %v", id, err)
		}
		rep[id] = upd
	}
	if err := rep.diffREST(t, onServer, s.Initiatives); err != nil {
		t.Error(err)
	}
}

func mustSync(t *testing.T, dev *client.Client) {
	t.Helper()
	if err := dev.Sync(context.Background()); err != nil {
		t.Fatalf("sync: %v", err)
	}
}
