package simulation

// Helpers of the restore test (restore_devices_test.go): PocketBase's own restore on the
// simulation's server, and a transport that makes a device deaf to what a restore tells it
// (negative controls).

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"github.com/maillage/maillage/mobile_sync/client"
)

// catchRestart binds, last of all OnTerminate handlers, one that ends a restart where
// PocketBase would exec the process again: the other handlers ran, the bootstrap state is
// reset, and restoreBackup starts a new app on the same data dir instead.
func catchRestart(app core.App) {
	app.OnTerminate().Bind(&hook.Handler[*core.TerminateEvent]{
		Priority: math.MaxInt,
		Func: func(e *core.TerminateEvent) error {
			if !e.IsRestart {
				return e.Next()
			}
			return e.App.ResetBootstrapState()
		},
	})
}

// restoreBackup restores the backup name with PocketBase's own RestoreBackup (its
// OnBackupRestore hooks, its replacement of the data dir's content) while no request is in
// flight, then starts the new app on the restored data dir, as the restarted process would.
// The server must have been started with catchRestart as (part of) its observe function.
func (s *Server) restoreBackup(name string) error {
	s.http.CloseClientConnections()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.app.RestoreBackup(context.Background(), name); err != nil {
		return fmt.Errorf("restore %s: %w", name, err)
	}
	s.app = nil // its bootstrap state was reset by the caught restart
	return s.start()
}

// deaf is a device's transport that records the reasons of the resets its pull answers carry
// and, for negative controls, rewrites them: noReset drops the reset (a device that does not
// notice the new epoch), keepAcked never lets lastMutationSeq go down (a device that does not
// notice the server lost its mutations).
type deaf struct {
	noReset, keepAcked bool

	mu     sync.Mutex
	acked  float64
	resets []string
}

// Resets returns the reasons of the resets seen so far, in order.
func (d *deaf) Resets() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.resets)
}

// RoundTrip forwards the request and rewrites the answer of a pull.
func (d *deaf) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil || res.StatusCode != http.StatusOK || !strings.HasSuffix(req.URL.Path, client.PathPull) {
		return res, err
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		return nil, err
	}
	var page map[string]any
	if err := json.Unmarshal(body, &page); err != nil {
		return nil, err
	}
	d.rewrite(page)
	if body, err = json.Marshal(page); err != nil {
		return nil, err
	}
	res.Body, res.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	res.Header.Del("Content-Length")
	return res, nil
}

func (d *deaf) rewrite(page map[string]any) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if reset, ok := page["reset"].(map[string]any); ok {
		d.resets = append(d.resets, fmt.Sprint(reset["reason"]))
	}
	if d.noReset {
		page["reset"] = nil
	}
	if seq, ok := page["lastMutationSeq"].(float64); ok && d.keepAcked {
		d.acked = max(d.acked, seq)
		page["lastMutationSeq"] = d.acked
	}
}
