package mobilesync

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// scope summarises what a user may read, so that a pull notices when that changed without any
// row changing (a membership granted or revoked, a role changed, a rule edited): the rows that
// became readable or unreadable are not in the change log, so the client must re-snapshot.
// Its form is "<user hash>.<rules hash>".
type scope struct {
	user  string
	rules string
}

func (sc scope) String() string { return sc.user + "." + sc.rules }

func parseScope(v string) scope {
	u, r, _ := strings.Cut(v, ".")
	return scope{user: u, rules: r}
}

// scopeOf computes the scope of info's user over collections, reading memberships through db.
func scopeOf(app core.App, db dbx.Builder, info *core.RequestInfo, collections []string) (scope, error) {
	var sc scope
	user, err := userFacts(db, info)
	if err != nil {
		return sc, err
	}
	sc.user = shortHash(user)
	var rules strings.Builder
	for _, name := range collections {
		c, err := app.FindCachedCollectionByNameOrId(name)
		if err != nil {
			// configured before the migration that creates it: its arrival changes the scope
			fmt.Fprintf(&rules, "%s=<absent>\n", name)
			continue
		}
		fmt.Fprintf(&rules, "%s=%s\n", c.Name, ruleText(c.ListRule))
	}
	sc.rules = shortHash(rules.String())
	return sc, nil
}

// userFacts lists what the rules may ask about the user: who, which role, which communities
// they belong to and which they own (owners read their communities' memberships).
func userFacts(db dbx.Builder, info *core.RequestInfo) (string, error) {
	if info.Auth == nil {
		return "anonymous", nil
	}
	facts := info.Auth.Collection().Id + "/" + info.Auth.Id + "/" + info.Auth.GetString(s.FieldRole)
	if info.Auth.Collection().Name != s.Users {
		return facts, nil
	}
	var member, owner []string
	err := db.Select("community").From(s.Memberships).Where(dbx.HashExp{"user": info.Auth.Id}).
		OrderBy("community").Column(&member)
	if err != nil {
		return "", fmt.Errorf("read memberships: %w", err)
	}
	err = db.Select("id").From(s.Communities).Where(dbx.HashExp{"owner": info.Auth.Id}).
		OrderBy("id").Column(&owner)
	if err != nil {
		return "", fmt.Errorf("read owned communities: %w", err)
	}
	return facts + "/" + strings.Join(member, ",") + "/" + strings.Join(owner, ","), nil
}

// userDependent reports whether c's ListRule depends on who asks.
func userDependent(c *core.Collection) bool {
	return c.ListRule == nil || strings.Contains(*c.ListRule, "@request")
}

func ruleText(r *string) string {
	if r == nil {
		return "<superusers>"
	}
	return *r
}

func shortHash(v string) string {
	sum := sha256.Sum256([]byte(v))
	return hex.EncodeToString(sum[:8])
}
