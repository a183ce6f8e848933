package proposals_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// world is a served app with the people of a proposal: its author, residents, a facilitator,
// a moderator and an anonymous visitor.
type world struct {
	srv                               *synctest.Srv
	author, resident, other           *synctest.User
	facilitator, moderator, anonymous *synctest.User
}

func newWorld(t *testing.T) *world {
	t.Helper()
	srv := synctest.Start(t, server.Config{})
	return &world{
		srv:         srv,
		author:      srv.NewUser(t, "author@example.org", s.RoleResident),
		resident:    srv.NewUser(t, "resident@example.org", s.RoleResident),
		other:       srv.NewUser(t, "other@example.org", s.RoleResident),
		facilitator: srv.NewUser(t, "facilitator@example.org", s.RoleFacilitator),
		moderator:   srv.NewUser(t, "moderator@example.org", s.RoleModerator),
		anonymous:   srv.Anonymous(),
	}
}

// proposal saves a proposal of the author's in phase with method and options a, b, c (and
// fields to override), deadlines a day and two days away.
func (w *world) proposal(t *testing.T, phase, method string, fields map[string]any) *core.Record {
	t.Helper()
	c, err := w.srv.App.FindCollectionByNameOrId(s.Proposals)
	if err != nil {
		t.Fatal(err)
	}
	p := core.NewRecord(c)
	p.Load(map[string]any{
		s.FieldProposalTitle: "Jardin partagé", s.FieldAuthor: w.author.ID(), s.FieldProposalPhase: phase,
		s.FieldProposalMethod: method, s.FieldProposalOptions: options("a", "b", "c"),
		s.FieldProposalConsultationEnd: time.Now().Add(24 * time.Hour), s.FieldProposalVoteEnd: time.Now().Add(48 * time.Hour),
	})
	p.Load(fields)
	if err := w.srv.App.Save(p); err != nil {
		t.Fatalf("save proposal: %v", err)
	}
	return p
}

func options(ids ...string) []map[string]string {
	var o []map[string]string
	for _, id := range ids {
		o = append(o, map[string]string{"id": id, "label": "Option " + id})
	}
	return o
}

// setPhase moves p to phase directly in the database's app (as the cron job does).
func (w *world) setPhase(t *testing.T, p *core.Record, phase string) {
	t.Helper()
	p.Set(s.FieldProposalPhase, phase)
	if err := w.srv.App.Save(p); err != nil {
		t.Fatalf("phase %s: %v", phase, err)
	}
}

// vote posts a ballot as u and returns the status and the decoded answer.
func vote(t *testing.T, u *synctest.User, p *core.Record, body map[string]any) (int, map[string]any) {
	t.Helper()
	status, data, err := u.Call("POST", fmt.Sprintf("/api/maillage/proposals/%s/ballot", p.Id), body)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	_ = json.Unmarshal(data, &out)
	return status, out
}

func approve(ids ...string) map[string]any {
	return map[string]any{"choices": map[string]any{"approve": ids}}
}

func grades(g map[string]int) map[string]any {
	return map[string]any{"choices": map[string]any{"grades": g}}
}

// mustVote votes and fails the test unless the ballot is taken.
func mustVote(t *testing.T, u *synctest.User, p *core.Record, body map[string]any) map[string]any {
	t.Helper()
	status, out := vote(t, u, p, body)
	if status != 200 {
		t.Fatalf("vote as %s: %d %v", u, status, out)
	}
	return out
}

// results reads the results route as u.
func results(t *testing.T, u *synctest.User, p *core.Record) (int, []byte) {
	t.Helper()
	status, data, err := u.Call("GET", fmt.Sprintf("/api/maillage/proposals/%s/results", p.Id), nil)
	if err != nil {
		t.Fatal(err)
	}
	return status, data
}

// setCollege puts user id in college.
func setCollege(t *testing.T, w *world, id, college string) {
	t.Helper()
	u, err := w.srv.App.FindRecordById("users", id)
	if err != nil {
		t.Fatal(err)
	}
	u.Set(s.FieldUserCollege, college)
	if err := w.srv.App.Save(u); err != nil {
		t.Fatalf("college: %v", err)
	}
}
