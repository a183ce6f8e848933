package moderation_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/maillage/maillage/governance/moderation"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// The rule matrix of reports, moderationVotes and auditLog: every role × every action, the
// expected outcome written out. "author" is the person who wrote the record under test (the
// reporter, the voter); "trusted" is a resident with a published contribution (threshold 1);
// "author" is trusted too, so that they may vote.
var roles = []string{"anonymous", "resident", "author", "trusted", "facilitator", "moderator"}

// expected: collection → action → the roles allowed.
var expected = map[string]map[string][]string{
	s.Reports: {
		"list": {"author", "moderator"}, "view": {"author", "moderator"},
		"create": {"resident", "author", "trusted", "facilitator", "moderator"}, "createAsOther": {},
		"update": {}, "delete": {"author"},
	},
	s.ModerationVotes: {
		"list": {"author", "moderator"}, "view": {"author", "moderator"},
		"create": {"author", "trusted", "facilitator", "moderator"}, "createAsOther": {},
		"update": {}, "delete": {"author"},
	},
	s.AuditLog: {
		"list": {"moderator"}, "view": {"moderator"},
		"create": {}, "createAsOther": {}, "update": {}, "delete": {},
	},
}

// matrixWorld is one fresh app with the people and, per collection, the record under test.
type matrixWorld struct {
	srv    *synctest.Srv
	people map[string]*synctest.User
	writer *synctest.User // writes the contributions reported and voted on
	record map[string]string
}

func newMatrixWorld(t *testing.T) *matrixWorld {
	srv := synctest.Start(t, server.Config{Moderation: moderation.Config{TrustedThreshold: 1, ValidationVotes: 10}})
	w := &matrixWorld{srv: srv, people: map[string]*synctest.User{"anonymous": srv.Anonymous()}, record: map[string]string{}}
	for _, r := range roles[1:] {
		role := map[string]string{"facilitator": s.RoleFacilitator, "moderator": s.RoleModerator}[r]
		if role == "" {
			role = s.RoleResident
		}
		w.people[r] = srv.NewUser(t, r+"@example.org", role)
	}
	w.writer = srv.NewUser(t, "writer@example.org", s.RoleFacilitator)
	for _, r := range []string{"author", "trusted"} {
		rec := pendingOf(t, srv.App, w.people[r].ID())
		rec.Set(s.FieldStatus, s.StatusPublished)
		if err := srv.App.Save(rec); err != nil {
			t.Fatal(err)
		}
	}
	author := w.people["author"]
	mustReport(t, author, s.Initiatives, published(t, srv.App, w.writer.ID()).Id)
	w.record[s.Reports] = firstID(t, w, s.Reports)
	mustVote(t, author, s.Initiatives, w.pending(t), s.VoteValidate, "")
	w.record[s.ModerationVotes] = firstID(t, w, s.ModerationVotes)
	if err := moderation.Audit(srv.App, moderation.Entry{Action: "test", Actor: w.people["moderator"].ID()}); err != nil {
		t.Fatal(err)
	}
	w.record[s.AuditLog] = firstID(t, w, s.AuditLog)
	return w
}

func firstID(t *testing.T, w *matrixWorld, coll string) string {
	recs, err := w.srv.App.FindAllRecords(coll)
	if err != nil || len(recs) != 1 {
		t.Fatalf("%s: %d records (%v)", coll, len(recs), err)
	}
	return recs[0].Id
}

// pending is a fresh pending contribution of a resident writer.
func (w *matrixWorld) pending(t *testing.T) string {
	res, _ := testapp.NewUser(t, w.srv.App, synctest.NewID()+"@example.org", s.RoleResident)
	return pendingOf(t, w.srv.App, res.Id).Id
}

// body is a create request of coll as who (or as someone else).
func (w *matrixWorld) body(t *testing.T, coll, who string, asOther bool) map[string]any {
	me := w.people[who].ID()
	if asOther {
		me = w.writer.ID()
	}
	switch coll {
	case s.Reports:
		target := published(t, w.srv.App, w.writer.ID()).Id
		return map[string]any{"collection": s.Initiatives, "recordId": target, "reason": "spam", "author": me}
	case s.ModerationVotes:
		return map[string]any{"collection": s.Initiatives, "recordId": w.pending(t), "vote": s.VoteValidate, "voter": me}
	}
	return map[string]any{"action": "forged", "actorKind": "system"}
}

// try performs action on coll as who and reports whether it was allowed.
func (w *matrixWorld) try(t *testing.T, coll, action, who string) bool {
	u, path := w.people[who], "/api/collections/"+coll+"/records"
	id := w.record[coll]
	switch action {
	case "list":
		ids, _ := listIDs(t, u, coll, "")
		return slices.Contains(ids, id)
	case "view":
		st, _, _ := u.Call(http.MethodGet, path+"/"+id, nil)
		return st == http.StatusOK
	case "create", "createAsOther":
		st, _, _ := u.Call(http.MethodPost, path, w.body(t, coll, who, action == "createAsOther"))
		return st == http.StatusOK
	case "update":
		st, _, _ := u.Call(http.MethodPatch, path+"/"+id, map[string]any{"reason": "changed"})
		return st == http.StatusOK
	}
	st, _, _ := u.Call(http.MethodDelete, path+"/"+id, nil)
	return st == http.StatusNoContent
}

// mismatches runs the whole matrix on a fresh world (loosen may change it first) and returns
// every cell that differs from expected. Deletes run last, each on its own world's record,
// so the author's delete is tried after everyone else's.
func mismatches(t *testing.T, loosen func(*matrixWorld)) []string {
	w := newMatrixWorld(t)
	if loosen != nil {
		loosen(w)
	}
	out := []string{}
	for coll, actions := range expected {
		for _, action := range []string{"list", "view", "create", "createAsOther", "update", "delete"} {
			for _, who := range roles {
				if action == "delete" && who == "author" {
					continue // below, after everyone else tried
				}
				if got, want := w.try(t, coll, action, who), slices.Contains(actions[action], who); got != want {
					out = append(out, fmt.Sprintf("%s %s as %s: allowed %v, want %v", coll, action, who, got, want))
				}
			}
		}
		if got, want := w.try(t, coll, "delete", "author"), slices.Contains(actions["delete"], "author"); got != want {
			out = append(out, fmt.Sprintf("%s delete as author: allowed %v, want %v", coll, got, want))
		}
	}
	return out
}

func TestRuleMatrix(t *testing.T) {
	for _, m := range mismatches(t, nil) {
		t.Error(m)
	}
}

// TestRuleMatrixCatchesLoosenedRules: the same matrix fails on a world whose rules were
// loosened one at a time, so that it is shown to catch each.
func TestRuleMatrixCatchesLoosenedRules(t *testing.T) {
	loosened := map[string]func(w *matrixWorld){
		"reports readable by all signed in":  setRule(s.Reports, "list", `@request.auth.id != ""`),
		"votes cast as someone else":         setRule(s.ModerationVotes, "create", `@request.auth.id != ""`),
		"audit log readable by facilitators": setRule(s.AuditLog, "list", `@request.auth.role = "moderator" || @request.auth.role = "facilitator"`),
		"reports deleted by anyone":          setRule(s.Reports, "delete", `@request.auth.id != ""`),
		"reports filed as someone else":      setRule(s.Reports, "create", `@request.auth.id != ""`),
	}
	for name, loosen := range loosened {
		t.Run(name, func(t *testing.T) {
			if got := mismatches(t, loosen); len(got) == 0 {
				t.Fatal("the matrix did not notice")
			}
		})
	}
}

// setRule loosens one rule of coll.
func setRule(coll, which, rule string) func(w *matrixWorld) {
	return func(w *matrixWorld) {
		c, err := w.srv.App.FindCollectionByNameOrId(coll)
		if err != nil {
			panic(err)
		}
		switch which {
		case "list":
			c.ListRule, c.ViewRule = &rule, &rule
		case "delete":
			c.DeleteRule = &rule
		case "create":
			c.CreateRule = &rule
		}
		if err := w.srv.App.Save(c); err != nil {
			panic(err)
		}
	}
}
