package mobilesync_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/server"
	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// FuzzDecodePush feeds arbitrary bodies to the push decoder and to POST /api/sync/push of a
// real app: nothing panics (a recovered panic would answer 500), and a refused body writes
// nothing. The seed corpus (testdata/fuzz/FuzzDecodePush) runs in plain `go test`; explore
// with `go test -fuzz FuzzDecodePush ./mobile_sync/`.
func FuzzDecodePush(f *testing.F) {
	f.Add([]byte(`{"clientId":"abcdefghijklmno","mutations":[{"mseq":1,"c":"initiatives","id":"abcdefghijklmn1","op":"create","fields":{"name":"Jardin"}}]}`))
	f.Add([]byte(`{"clientId":"abcdefghijklmno","mutations":[{"mseq":2,"c":"initiatives","id":"abcdefghijklmn1","op":"update","baseRev":1,"base":{"name":"Jardin"},"fields":{"name":null}}]}`))
	f.Add([]byte(`{"clientId":"abcdefghijklmno","mutations":[{"mseq":9}]}`))
	srv := synctest.Start(f, server.Config{})
	alice := srv.NewUser(f, "alice@example.org", s.RoleFacilitator)
	f.Fuzz(func(t *testing.T, body []byte) {
		_, decodeErr := ms.DecodePush(body)
		before := writeFingerprint(t, srv.App)
		status, answer, err := alice.Call(http.MethodPost, "/api/sync/push", body)
		if err != nil {
			t.Fatalf("push: %v", err)
		}
		if status >= 500 {
			t.Fatalf("push of %q answered %d: %s", body, status, answer)
		}
		if decodeErr != nil && status != http.StatusBadRequest && status != http.StatusRequestEntityTooLarge {
			t.Fatalf("undecodable push %q answered %d, want 400 (%v)", body, status, decodeErr)
		}
		if after := writeFingerprint(t, srv.App); status != http.StatusOK && after != before {
			t.Fatalf("refused push %q (status %d) wrote: %+v → %+v", body, status, before, after)
		}
	})
}

// fingerprint sums up everything a push may write: the change log head, the push bookkeeping
// and the conflict rows.
type fingerprint struct {
	Head, Clients, Mutations, Counters, Conflicts int64
}

func writeFingerprint(t *testing.T, app core.App) fingerprint {
	t.Helper()
	var fp fingerprint
	err := app.DB().NewQuery(`SELECT
		(SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = '_sync_changes') AS head,
		(SELECT count(*) FROM _sync_clients) AS clients,
		(SELECT count(*) FROM _sync_mutations) AS mutations,
		(SELECT coalesce(sum(lastMutationSeq), 0) FROM _sync_clients) AS counters,
		(SELECT count(*) FROM syncConflicts) AS conflicts`).
		Row(&fp.Head, &fp.Clients, &fp.Mutations, &fp.Counters, &fp.Conflicts)
	if err != nil {
		t.Fatalf("fingerprint: %v", err)
	}
	return fp
}
