package federation_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

// TestFollowingRules: a moderator adds a follow by its target alone, which starts pending; a
// resident or a facilitator may not, nor may a moderator set the state or the actor the server
// resolves; a target that is neither a URL nor @name@host is refused with its reason, in the
// requester's language. Control: the same moderator request without the forbidden field passes.
func TestFollowingRules(t *testing.T) {
	in := newInstance(t)
	_, moderator := testapp.NewUser(t, in.app, "mod@example.org", s.RoleModerator)
	for _, role := range []string{s.RoleResident, s.RoleFacilitator} {
		_, token := testapp.NewUser(t, in.app, role+"@example.org", role)
		if status, _ := in.createFollowing(t, token, map[string]any{"target": "@groupe@mobilizon.invalid"}); status == http.StatusOK {
			t.Errorf("a %s added a follow", role)
		}
	}
	for _, forged := range []map[string]any{{"state": s.FollowAccepted}, {"actor": "https://evil.example/actor"}, {"source": "fediverse:x"}} {
		forged["target"] = "@groupe@mobilizon.invalid"
		if status, _ := in.createFollowing(t, moderator, forged); status == http.StatusOK {
			t.Errorf("a moderator set %v", forged)
		}
	}
	status, body := in.createFollowing(t, moderator, map[string]any{"target": "not a target"})
	if msg, _ := body["data"].(map[string]any)["target"].(map[string]any)["message"].(string); status != http.StatusBadRequest || msg == "" {
		t.Errorf("invalid target: %d %v", status, body)
	}
	status, body = in.createFollowing(t, moderator, map[string]any{"target": "@groupe@mobilizon.invalid"})
	if status != http.StatusOK || body["state"] != s.FollowPending {
		t.Fatalf("control, the moderator's follow: %d %v", status, body)
	}
}

// TestFollowGuardedByDefault: without federation.AllowPrivateEnv, following an actor on a
// loopback address fails before anything is sent (the production client refuses internal
// addresses): the row turns refused with the reason, and the actor receives nothing. Control:
// the same follow with the variable set reaches the actor (newFollowed, TestReceive*).
func TestFollowGuardedByDefault(t *testing.T) {
	in := newInstance(t)
	r := newRemote(t)
	testapp.NewRecord(t, in.app, s.FederationFollowing, map[string]any{"target": r.id()})
	waitFor(t, "the follow refused", func() bool {
		rec := in.following(r.id())
		return rec.GetString("state") == s.FollowRefused
	})
	if msg := in.following(r.id()).GetString("message"); !strings.Contains(msg, "not a permitted destination") {
		t.Errorf("refused for another reason than the guard: %q", msg)
	}
	if r.fetched() != 0 || len(r.deliveries) != 0 {
		t.Fatalf("the loopback actor was reached: %d fetches, %d deliveries", r.fetched(), len(r.deliveries))
	}
}
