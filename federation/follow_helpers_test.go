package federation_test

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

// instance is one Maillage served over HTTP on loopback with the real routes and its own key,
// its application URL set to that address.
type instance struct {
	*world
	url string
}

// newInstance starts an instance; the caller has set federation.AllowPrivateEnv, so that it
// reaches the other instance on loopback.
func newInstance(t *testing.T) *instance {
	t.Helper()
	w := newWorld(t)
	in := &instance{world: w, url: w.start(t)}
	w.app.Settings().Meta.AppURL = in.url
	return in
}

// actor is the instance's territory actor.
func (in *instance) actor() string { return in.url + "/federation/territory" }

// handle is the instance's territory as @territory@host.
func (in *instance) handle() string {
	u, _ := url.Parse(in.url)
	return "@territory@" + u.Host
}

// objectID is the ActivityPub id the instance gives rec.
func (in *instance) objectID(rec *core.Record) string {
	return in.url + "/federation/objects/" + rec.Collection().Name + "/" + rec.Id
}

// createFollowing posts a federationFollowing row with target as the user of token and returns
// the answer's status and body.
func (in *instance) createFollowing(t *testing.T, token string, fields map[string]any) (int, map[string]any) {
	t.Helper()
	body, _ := json.Marshal(fields)
	req, _ := http.NewRequest(http.MethodPost, in.url+"/api/collections/"+s.FederationFollowing+"/records", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// following returns the instance's federationFollowing row of target (nil when none).
func (in *instance) following(target string) *core.Record {
	rec, _ := in.app.FindFirstRecordByFilter(s.FederationFollowing, "target = {:t}", dbx.Params{"t": target})
	return rec
}

// imported returns the record of collection the instance imported as externalID (nil when none).
func (in *instance) imported(collection, externalID string) *core.Record {
	rec, _ := in.app.FindFirstRecordByFilter(collection, "externalId = {:e}", dbx.Params{"e": externalID})
	return rec
}

// save saves rec on the instance.
func (in *instance) save(t *testing.T, rec *core.Record, fields map[string]any) {
	t.Helper()
	fresh, err := in.app.FindRecordById(rec.Collection().Name, rec.Id) // with its original state
	if err != nil {
		t.Fatal(err)
	}
	fresh.Load(fields)
	if err := in.app.Save(fresh); err != nil {
		t.Fatal(err)
	}
}

// waitFor waits until cond holds, reading it again whenever a tick passes, and fails the test
// when it still does not after a generous deadline (the only polling of these tests: what
// they wait for is written by another instance's background delivery).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(30 * time.Second)
	for !cond() {
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatalf("still waiting for %s", what)
		}
	}
}

// followEachOther makes a follow b through the API as a moderator (by b's actor URL), and b
// follow a as the dashboard does (by a's handle, resolved with WebFinger), and waits until
// both are accepted.
func followEachOther(t *testing.T, a, b *instance) {
	t.Helper()
	_, token := testapp.NewUser(t, a.app, "coord@example.org", s.RoleModerator)
	if status, body := a.createFollowing(t, token, map[string]any{"target": b.actor()}); status != http.StatusOK {
		t.Fatalf("moderator's follow: %d %v", status, body)
	}
	testapp.NewRecord(t, b.app, s.FederationFollowing, map[string]any{"target": a.handle()})
	for _, pair := range []struct {
		in     *instance
		target string
	}{{a, b.actor()}, {b, a.handle()}} {
		waitFor(t, "the follow of "+pair.target+" accepted", func() bool {
			rec := pair.in.following(pair.target)
			return rec != nil && rec.GetString("state") == s.FollowAccepted
		})
	}
}

// atBasilique says whether the record's geo is the basilique's point.
func atBasilique(rec map[string]any) bool {
	geo, _ := json.Marshal(rec["geo"])
	var p struct{ Lon, Lat float64 }
	json.Unmarshal(geo, &p)
	return math.Abs(p.Lon-basilique[0]) < 1e-6 && math.Abs(p.Lat-basilique[1]) < 1e-6
}
