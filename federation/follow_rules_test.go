package federation_test

import (
	"net/http"
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
