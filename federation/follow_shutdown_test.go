package federation_test

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"github.com/maillage/maillage/federation"
	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

// TestTerminateWaitsForAFollowBeingSent: a follow is sent after its row is saved, in the
// background; an app that terminates meanwhile (a server stopped, a test ending) waits for it,
// so that its refusal is recorded before the database closes. It once wrote to the closed
// database of a finished test and crashed the whole test binary (CI). The remote actor here
// holds its answer until the app has begun to terminate, then answers 404: the follow's state
// must have been saved before the app's last terminate handler runs. (Without the wait the
// last handler runs microseconds after the release, long before an HTTP answer and a write.)
func TestTerminateWaitsForAFollowBeingSent(t *testing.T) {
	t.Setenv(federation.AllowPrivateEnv, "1")
	app := newInstance(t).app
	asked, release := make(chan struct{}), make(chan struct{})
	remote := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		close(asked)
		<-release
		http.NotFound(w, nil)
	}))
	defer remote.Close()
	var saved atomic.Bool
	var releaseOnce sync.Once
	app.OnRecordAfterUpdateSuccess(s.FederationFollowing).BindFunc(func(e *core.RecordEvent) error {
		saved.Store(true)
		return e.Next()
	})
	app.OnTerminate().Bind(&hook.Handler[*core.TerminateEvent]{Priority: -1, Func: func(e *core.TerminateEvent) error {
		releaseOnce.Do(func() { close(release) }) // the remote answers once the app terminates (Cleanup runs twice)
		return e.Next()
	}})
	var savedBeforeClose atomic.Bool // read by the last handler, before the test app resets
	app.OnTerminate().Bind(&hook.Handler[*core.TerminateEvent]{Priority: 1 << 20, Func: func(e *core.TerminateEvent) error {
		savedBeforeClose.Store(saved.Load())
		return e.Next()
	}})
	testapp.NewRecord(t, app, s.FederationFollowing, map[string]any{"target": remote.URL + "/actor"})
	select {
	case <-asked:
	case <-time.After(time.Minute): // a limit, not an expected duration
		t.Fatal("the follow never reached the remote actor")
	}
	app.Cleanup()
	if !savedBeforeClose.Load() {
		t.Fatal("the app terminated before the follow being sent recorded its state")
	}
}
