package mobilesync_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/server"
	ms "github.com/maillage/maillage/mobile_sync"
	s "github.com/maillage/maillage/schema"

	"github.com/maillage/maillage/mobile_sync/synctest"
)

// FuzzDecodeCursor feeds arbitrary cursors to the decoder and to a real pull. The decoder
// never panics, accepts only well-formed cursors (which survive a round trip) and refuses the
// rest with ErrBadCursor; the pull answers 200 or 400, never 500, and never writes to the
// database. The seed corpus in testdata/fuzz/FuzzDecodeCursor runs in every `go test`;
// `go test -fuzz FuzzDecodeCursor ./mobile_sync/` explores further.
func FuzzDecodeCursor(f *testing.F) {
	srv := synctest.Start(f, server.Config{})
	fac := srv.NewUser(f, "fac@example.org", s.RoleFacilitator)
	newContent(f, srv.App, s.Initiatives, fac.ID(), s.VisibilityPublic)
	f.Add(fac.PullAll(f, "").Cursor)
	f.Add(ms.EncodeCursorForTest(fac.Info(f).Epoch, 1, "x.y"))
	version := dataVersionReader(f, srv.App)
	if before := version(); newContent(f, srv.App, s.Initiatives, fac.ID(), s.VisibilityPublic) != nil && version() == before {
		f.Fatalf("negative control: a write left data_version at %d; the no-write check would see nothing", before)
	}

	f.Fuzz(func(t *testing.T, raw string) {
		c, err := ms.DecodeCursorForTest(raw)
		switch {
		case err != nil && !errors.Is(err, ms.ErrBadCursor):
			t.Fatalf("decode %q: error %v is not ErrBadCursor", raw, err)
		case err == nil && raw != "" && (c.V != 1 || c.Epoch == "" || c.Seq < 0):
			t.Fatalf("decode %q accepted %+v", raw, c)
		case err == nil && raw != "":
			again, err2 := ms.DecodeCursorForTest(ms.EncodeCursorForTest(c.Epoch, c.Seq, c.Scope))
			if err2 != nil || again != c {
				t.Fatalf("round trip of %+v gave %+v, %v", c, again, err2)
			}
		}
		before := version()
		status, body, callErr := fac.Call(http.MethodPost, "/api/sync/pull", ms.PullRequest{ClientID: fac.ClientID, Cursor: raw, Limit: 10})
		if callErr != nil {
			t.Fatalf("pull: %v", callErr)
		}
		if want := map[bool]int{true: http.StatusOK, false: http.StatusBadRequest}[err == nil]; status != want {
			t.Fatalf("pull with cursor %q: status %d (%s), want %d", raw, status, body, want)
		}
		if after := version(); after != before {
			t.Fatalf("pull with cursor %q wrote to the database (data_version %d → %d)", raw, before, after)
		}
	})
}

// dataVersionReader returns a function reading SQLite's data_version on one dedicated
// connection: it changes whenever another connection commits a write.
func dataVersionReader(tb testing.TB, app core.App) func() int64 {
	conn, err := app.ConcurrentDB().(*dbx.DB).DB().Conn(context.Background())
	if err != nil {
		tb.Fatalf("dedicated connection: %v", err)
	}
	tb.Cleanup(func() { _ = conn.Close() })
	return func() int64 {
		var v int64
		if err := conn.QueryRowContext(context.Background(), "PRAGMA data_version").Scan(&v); err != nil {
			tb.Fatalf("data_version: %v", err)
		}
		return v
	}
}
