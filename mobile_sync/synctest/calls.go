package synctest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"

	ms "github.com/maillage/maillage/mobile_sync"
)

// Call sends method path with body (JSON-encoded unless it is nil, a []byte or a string) as
// this user, and returns the status and the body unchecked: for calls that must fail.
func (u *User) Call(method, path string, body any) (int, []byte, error) {
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		r = bytes.NewReader(b)
	case string:
		r = bytes.NewReader([]byte(b))
	default:
		data, err := json.Marshal(b)
		if err != nil {
			return 0, nil, fmt.Errorf("encode body of %s: %w", path, err)
		}
		r = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, u.Srv.URL+path, r)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if u.Token != "" {
		req.Header.Set("Authorization", u.Token)
	}
	if u.Lang != "" {
		req.Header.Set("Accept-Language", u.Lang)
	}
	res, err := u.Srv.HTTP.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	return res.StatusCode, data, err
}

// MustCall is Call that fails the test unless the answer is 2xx, decoding it into out (if not
// nil).
func (u *User) MustCall(t testing.TB, method, path string, body, out any) {
	t.Helper()
	status, data, err := u.Call(method, path, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	if status/100 != 2 {
		t.Fatalf("%s %s as %s: status %d: %s", method, path, u, status, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s %s: decode %s: %v", method, path, data, err)
		}
	}
}

// String names the user in failure messages.
func (u *User) String() string {
	switch {
	case u.Record == nil:
		return "anonymous"
	case u.Record.Collection().Name == "_superusers":
		return "superuser " + u.Record.Email()
	}
	return u.Record.Email()
}

// Info calls GET /api/sync/info.
func (u *User) Info(t testing.TB) ms.Info {
	t.Helper()
	var out ms.Info
	u.MustCall(t, http.MethodGet, "/api/sync/info", nil, &out)
	return out
}

// Snapshot calls POST /api/sync/snapshot (ClientID defaults to the user's) and leak-checks
// the page.
func (u *User) Snapshot(t testing.TB, req ms.SnapshotRequest) ms.SnapshotResponse {
	t.Helper()
	if req.ClientID == "" {
		req.ClientID = u.ClientID
	}
	var out ms.SnapshotResponse
	u.MustCall(t, http.MethodPost, "/api/sync/snapshot", req, &out)
	recs := Records{}
	for _, r := range out.Records {
		recs.Add(req.Collection, r.ID, r.R)
	}
	u.MustBeReadable(t, "snapshot of "+req.Collection, recs)
	return out
}

// Snapshotted is a whole snapshot of one collection.
type Snapshotted struct {
	SnapshotSeq int64
	Records     []ms.SnapshotRecord
	Cursor      string
	Pages       int
}

// SnapshotAll reads every page of collection's snapshot with pages of limit (0: the server's
// default), checking that snapshotSeq stays fixed and that ids ascend across pages.
func (u *User) SnapshotAll(t testing.TB, collection string, limit int) Snapshotted {
	t.Helper()
	var all Snapshotted
	req := ms.SnapshotRequest{Collection: collection, Limit: limit}
	for {
		page := u.Snapshot(t, req)
		all.Pages++
		if req.SnapshotSeq != 0 && page.SnapshotSeq != req.SnapshotSeq {
			t.Fatalf("snapshot of %s: snapshotSeq moved from %d to %d", collection, req.SnapshotSeq, page.SnapshotSeq)
		}
		for _, r := range page.Records {
			if n := len(all.Records); n > 0 && all.Records[n-1].ID >= r.ID {
				t.Fatalf("snapshot of %s: id %s after %s", collection, r.ID, all.Records[n-1].ID)
			}
			all.Records = append(all.Records, r)
		}
		req.SnapshotSeq, req.AfterID = page.SnapshotSeq, page.NextAfterID
		if page.Done {
			all.SnapshotSeq, all.Cursor = page.SnapshotSeq, page.Cursor
			return all
		}
	}
}

// Pull calls POST /api/sync/pull (ClientID defaults to the user's) and leak-checks every put.
func (u *User) Pull(t testing.TB, req ms.PullRequest) ms.PullResponse {
	t.Helper()
	if req.ClientID == "" {
		req.ClientID = u.ClientID
	}
	var out ms.PullResponse
	u.MustCall(t, http.MethodPost, "/api/sync/pull", req, &out)
	recs := Records{}
	for _, c := range out.Changes {
		if c.Op == ms.OpPut {
			recs.Add(c.C, c.ID, c.R)
		}
	}
	u.MustBeReadable(t, "pull", recs)
	return out
}

// Pulled is the outcome of pulling until hasMore is false.
type Pulled struct {
	Changes []ms.Change
	Cursor  string
	Reset   *ms.Reset
	Pages   int
}

// PullAll pulls from cursor until hasMore is false or a reset comes (returned, not followed).
func (u *User) PullAll(t testing.TB, cursor string, collections ...string) Pulled {
	t.Helper()
	out := Pulled{Cursor: cursor}
	for {
		page := u.Pull(t, ms.PullRequest{Cursor: out.Cursor, Collections: collections})
		out.Pages++
		out.Changes = append(out.Changes, page.Changes...)
		out.Cursor, out.Reset = page.Cursor, page.Reset
		if page.Reset != nil || !page.HasMore {
			return out
		}
	}
}

// Push calls POST /api/sync/push (ClientID defaults to the user's) and leak-checks the
// record of every result.
func (u *User) Push(t testing.TB, req ms.PushRequest) ms.PushResponse {
	t.Helper()
	if req.ClientID == "" {
		req.ClientID = u.ClientID
	}
	var out ms.PushResponse
	u.MustCall(t, http.MethodPost, "/api/sync/push", req, &out)
	colls := map[int64]string{}
	for _, m := range req.Mutations {
		colls[m.Mseq] = m.C
	}
	recs := Records{}
	for _, r := range out.Results {
		if len(r.R) > 0 && string(r.R) != "null" {
			var head struct {
				ID string `json:"id"`
			}
			_ = json.Unmarshal(r.R, &head)
			recs.Add(colls[r.Mseq], head.ID, r.R)
		}
	}
	u.MustBeReadable(t, "push results", recs)
	return out
}

// IDs returns the ids of changes with op (put or remove) in collection, in order.
func IDs(changes []ms.Change, collection, op string) []string {
	var out []string
	for _, c := range changes {
		if c.C == collection && c.Op == op {
			out = append(out, c.ID)
		}
	}
	return out
}
