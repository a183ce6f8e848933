//go:build linux || darwin

package mobilesync_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// A real v0.39 backup (app.CreateBackup) holds the write connection while it archives pb_data.
// A named pipe in the data dir stops the archive, deterministically, right there: the backup
// blocks reading it until the test opens its other end. Meanwhile a push answers 503 with
// Retry-After after PushWriteWait; once the backup is done, the same push applies.
func TestPushAnswers503DuringARealBackup(t *testing.T) {
	env := newPushEnv(t, ms.Config{PushWriteWait: 50 * time.Millisecond})
	alice := env.NewUser(t, "alice@example.org", s.RoleFacilitator)
	gate := filepath.Join(env.App.DataDir(), "zz_backup_gate")
	if err := syscall.Mkfifo(gate, 0o600); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	backup := make(chan error, 1)
	go func() { backup <- env.App.CreateBackup(context.Background(), "during_push.zip") }()
	// Opening the pipe's write end returns once the backup opened its read end: the backup is
	// now inside its write transaction.
	w, err := os.OpenFile(gate, os.O_WRONLY, 0)
	if err != nil {
		t.Fatalf("open gate: %v", err)
	}
	create := createInitiative(1, synctest.NewID(), "Jardin", alice.ID())
	res, body := rawPush(t, alice, ms.PushRequest{ClientID: alice.ClientID, Mutations: []ms.Mutation{create}})
	w.Close()
	if err := <-backup; err != nil {
		t.Fatalf("backup: %v", err)
	}
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" || !strings.Contains(string(body), "une sauvegarde est peut-être en cours") {
		t.Fatalf("during the backup: got %d Retry-After %q %s, want 503 with Retry-After", res.StatusCode, res.Header.Get("Retry-After"), body)
	}
	if r := env.push(t, alice, create).Results[0]; r.Status != ms.StatusApplied {
		t.Errorf("after the backup: got %s, want applied", r.Status)
	}
}
