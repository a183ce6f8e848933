package mobilesync_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"testing"

	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
)

// replica is what a device holds of one collection after applying snapshots and pulls:
// id → the record's `updated` as last received.
type replica map[string]string

func updatedOf(t testing.TB, raw json.RawMessage) string {
	t.Helper()
	var r struct {
		Updated string `json:"updated"`
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("decode record %s: %v", raw, err)
	}
	return r.Updated
}

// fromSnapshot builds a replica from a whole snapshot.
func fromSnapshot(t testing.TB, snap synctest.Snapshotted) replica {
	rep := replica{}
	for _, r := range snap.Records {
		rep[r.ID] = updatedOf(t, r.R)
	}
	return rep
}

// apply applies the changes of coll; with putsOnly it ignores removes (a broken client, for
// negative controls).
func (rep replica) apply(t testing.TB, changes []ms.Change, coll string, putsOnly bool) {
	for _, c := range changes {
		switch {
		case c.C != coll:
		case c.Op == ms.OpPut:
			rep[c.ID] = updatedOf(t, c.R)
		case !putsOnly:
			delete(rep, c.ID)
		}
	}
}

// diffREST compares the replica with what u lists of coll through the REST API right now.
func (rep replica) diffREST(t testing.TB, u *synctest.User, coll string) error {
	t.Helper()
	var page struct {
		Items []map[string]any `json:"items"`
	}
	u.MustCall(t, http.MethodGet, "/api/collections/"+coll+"/records?perPage=1000&skipTotal=1", nil, &page)
	want := replica{}
	for _, it := range page.Items {
		want[it["id"].(string)] = it["updated"].(string)
	}
	var diffs []string
	for id, upd := range rep {
		if want[id] != upd {
			diffs = append(diffs, fmt.Sprintf("%s: replica %q, REST %q", id, upd, want[id]))
		}
	}
	for id, upd := range want {
		if _, ok := rep[id]; !ok {
			diffs = append(diffs, fmt.Sprintf("%s: missing from the replica (REST %q)", id, upd))
		}
	}
	if len(diffs) > 0 {
		sort.Strings(diffs)
		return fmt.Errorf("%s of %s differs from the REST API: %v", coll, u, diffs)
	}
	return nil
}

func (rep replica) ids() []string {
	out := make([]string, 0, len(rep))
	for id := range rep {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}
