package proposals_test

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/governance/moderation"
	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// The people of the matrix. "trusted" is a trusted member by contributions (a resident with
// moderation's default threshold of published records, in no community) and "facilitator" a
// facilitator (trusted by role): proposals give neither more than residents.
const (
	pAnonymous   = "anonymous"
	pResident    = "resident"
	pMember      = "member"
	pAuthor      = "author"
	pTrusted     = "trusted"
	pFacilitator = "facilitator"
	pModerator   = "moderator"
)

var people = []string{pAnonymous, pResident, pMember, pAuthor, pTrusted, pFacilitator, pModerator}

// mworld is the matrix's world: the people, a community (author and member belong to it) and
// proposals in each phase, with amendments.
type mworld struct {
	*world
	users                          map[string]*synctest.User
	group                          string
	draft, doomed, consult, voting *core.Record
	inGroup                        *core.Record
	amendment, groupAmendment      *core.Record
}

func newMatrixWorld(t *testing.T) *mworld {
	t.Helper()
	w := newWorld(t)
	m := &mworld{world: w, users: map[string]*synctest.User{pAnonymous: w.anonymous, pResident: w.resident,
		pMember: w.other, pAuthor: w.author, pTrusted: trustedResident(t, w), pFacilitator: w.facilitator, pModerator: w.moderator}}
	founder := w.srv.NewUser(t, "founder@example.org", s.RoleFacilitator)
	m.group = m.save(t, s.Communities, map[string]any{"name": "Jardiniers", "owner": founder.ID()}).Id
	for _, p := range []string{pAuthor, pMember} {
		m.save(t, s.Memberships, map[string]any{"community": m.group, "user": m.users[p].ID(), "role": "member"})
	}
	m.draft = w.proposal(t, s.PhaseDraft, s.MethodApproval, nil)
	m.doomed = w.proposal(t, s.PhaseDraft, s.MethodApproval, nil)
	m.consult = w.proposal(t, s.PhaseConsultation, s.MethodApproval, nil)
	m.voting = w.proposal(t, s.PhaseVote, s.MethodApproval, nil)
	m.inGroup = w.proposal(t, s.PhaseConsultation, s.MethodApproval, map[string]any{s.FieldCommunity: m.group})
	m.amendment = m.save(t, s.Amendments, map[string]any{"proposal": m.consult.Id, s.FieldAuthor: w.resident.ID(), "text": "Plus d'arbres", "status": s.AmendmentProposed})
	m.groupAmendment = m.save(t, s.Amendments, map[string]any{"proposal": m.inGroup.Id, s.FieldAuthor: w.other.ID(), "text": "Un banc", "status": s.AmendmentProposed})
	return m
}

// trustedResident is a resident made a trusted member by their published contributions.
func trustedResident(t *testing.T, w *world) *synctest.User {
	t.Helper()
	u := w.srv.NewUser(t, "trusted@example.org", s.RoleResident)
	for i := range moderation.DefaultTrustedThreshold {
		r := testapp.NewRecord(t, w.srv.App, s.Initiatives, map[string]any{"name": fmt.Sprintf("Atelier %d", i), s.FieldAuthor: u.ID()})
		r.Set(s.FieldStatus, s.StatusPublished) // a moderator's publication: new records of residents are pending
		if err := w.srv.App.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	if ok, err := moderation.IsTrusted(w.srv.App, u.ID()); err != nil || !ok {
		t.Fatalf("the trusted resident is not trusted (%v)", err)
	}
	return u
}

func (m *mworld) save(t *testing.T, coll string, fields map[string]any) *core.Record {
	t.Helper()
	c, err := m.srv.App.FindCollectionByNameOrId(coll)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(c)
	r.Load(fields)
	if err := m.srv.App.Save(r); err != nil {
		t.Fatalf("save %s: %v", coll, err)
	}
	return r
}

// action is one request of the matrix, made as u; it returns the status.
type action struct {
	name string
	do   func(m *mworld, u *synctest.User) int
}

func call(u *synctest.User, method, path string, body any) int {
	status, _, err := u.Call(method, path, body)
	if err != nil {
		return -1
	}
	return status
}

func rec(coll, id string) string {
	if id == "" {
		return "/api/collections/" + coll + "/records"
	}
	return "/api/collections/" + coll + "/records/" + id
}

func newProposal(m *mworld, u *synctest.User, extra map[string]any) map[string]any {
	b := map[string]any{"title": "Bancs", s.FieldAuthor: u.ID(), "phase": s.PhaseDraft, "method": s.MethodApproval,
		"options": options("x", "y"), "consultationEnd": time.Now().Add(time.Hour), "voteEnd": time.Now().Add(2 * time.Hour)}
	for k, v := range extra {
		b[k] = v
	}
	return b
}

var actions = []action{
	{"view draft", func(m *mworld, u *synctest.User) int { return call(u, "GET", rec(s.Proposals, m.draft.Id), nil) }},
	{"view consultation", func(m *mworld, u *synctest.User) int { return call(u, "GET", rec(s.Proposals, m.consult.Id), nil) }},
	{"view community's", func(m *mworld, u *synctest.User) int { return call(u, "GET", rec(s.Proposals, m.inGroup.Id), nil) }},
	{"create draft", func(m *mworld, u *synctest.User) int {
		return call(u, "POST", rec(s.Proposals, ""), newProposal(m, u, nil))
	}},
	{"create in community", func(m *mworld, u *synctest.User) int {
		return call(u, "POST", rec(s.Proposals, ""), newProposal(m, u, map[string]any{s.FieldCommunity: m.group}))
	}},
	{"create already voting", func(m *mworld, u *synctest.User) int {
		return call(u, "POST", rec(s.Proposals, ""), newProposal(m, u, map[string]any{"phase": s.PhaseVote}))
	}},
	{"edit draft", func(m *mworld, u *synctest.User) int {
		return call(u, "PATCH", rec(s.Proposals, m.draft.Id), map[string]any{"title": "Bancs publics"})
	}},
	{"edit consultation", func(m *mworld, u *synctest.User) int {
		return call(u, "PATCH", rec(s.Proposals, m.consult.Id), map[string]any{"text": "Amendé"})
	}},
	{"change method in consultation", func(m *mworld, u *synctest.User) int {
		return call(u, "PATCH", rec(s.Proposals, m.consult.Id), map[string]any{"method": s.MethodMajorityJudgement})
	}},
	{"open consultation", func(m *mworld, u *synctest.User) int {
		return call(u, "PATCH", rec(s.Proposals, m.draft.Id), map[string]any{"phase": s.PhaseConsultation})
	}},
	{"open the vote", func(m *mworld, u *synctest.User) int {
		return call(u, "PATCH", rec(s.Proposals, m.consult.Id), map[string]any{"phase": s.PhaseVote})
	}},
	{"view amendment", func(m *mworld, u *synctest.User) int { return call(u, "GET", rec(s.Amendments, m.amendment.Id), nil) }},
	{"view community amendment", func(m *mworld, u *synctest.User) int {
		return call(u, "GET", rec(s.Amendments, m.groupAmendment.Id), nil)
	}},
	{"amend", func(m *mworld, u *synctest.User) int {
		return call(u, "POST", rec(s.Amendments, ""), map[string]any{"proposal": m.consult.Id, s.FieldAuthor: u.ID(), "text": "Et des fleurs", "status": "proposed"})
	}},
	{"amend while voting", func(m *mworld, u *synctest.User) int {
		return call(u, "POST", rec(s.Amendments, ""), map[string]any{"proposal": m.voting.Id, s.FieldAuthor: u.ID(), "text": "Trop tard", "status": "proposed"})
	}},
	{"amend community's", func(m *mworld, u *synctest.User) int {
		return call(u, "POST", rec(s.Amendments, ""), map[string]any{"proposal": m.inGroup.Id, s.FieldAuthor: u.ID(), "text": "Une haie", "status": "proposed"})
	}},
	{"accept amendment", func(m *mworld, u *synctest.User) int {
		return call(u, "PATCH", rec(s.Amendments, m.amendment.Id), map[string]any{"status": s.AmendmentAccepted})
	}},
	{"rewrite amendment", func(m *mworld, u *synctest.User) int {
		return call(u, "PATCH", rec(s.Amendments, m.amendment.Id), map[string]any{"text": "Plus d'arbres fruitiers"})
	}},
	{"delete amendment", func(m *mworld, u *synctest.User) int {
		return call(u, "DELETE", rec(s.Amendments, m.amendment.Id), nil)
	}},
	{"list ballots", func(m *mworld, u *synctest.User) int { return call(u, "GET", rec(s.Votes, ""), nil) }},
	{"write a ballot", func(m *mworld, u *synctest.User) int {
		return call(u, "POST", rec(s.Votes, ""), map[string]any{"proposal": m.voting.Id, "choices": map[string]any{"approve": []string{"a"}}, "voter": u.ID()})
	}},
	{"list the roll", func(m *mworld, u *synctest.User) int { return call(u, "GET", rec(s.VoteRoll, ""), nil) }},
	{"write the roll", func(m *mworld, u *synctest.User) int {
		return call(u, "POST", rec(s.VoteRoll, ""), map[string]any{"proposal": m.voting.Id, "voter": u.ID()})
	}},
	{"vote (route)", func(m *mworld, u *synctest.User) int {
		return call(u, "POST", "/api/maillage/proposals/"+m.voting.Id+"/ballot", approve("a"))
	}},
	{"delete voting", func(m *mworld, u *synctest.User) int { return call(u, "DELETE", rec(s.Proposals, m.voting.Id), nil) }},
	{"delete draft", func(m *mworld, u *synctest.User) int { return call(u, "DELETE", rec(s.Proposals, m.doomed.Id), nil) }},
	{"comment consultation", func(m *mworld, u *synctest.User) int { return commentStatus(m.consult, u) }},
	{"comment community's", func(m *mworld, u *synctest.User) int { return commentStatus(m.inGroup, u) }},
	{"comment while voting", func(m *mworld, u *synctest.User) int { return commentStatus(m.voting, u) }},
	{"follow", func(m *mworld, u *synctest.User) int {
		return call(u, "PUT", "/api/maillage/proposals/"+m.consult.Id+"/follow", map[string]any{"follow": true})
	}},
	{"follow community's", func(m *mworld, u *synctest.User) int {
		return call(u, "PUT", "/api/maillage/proposals/"+m.inGroup.Id+"/follow", map[string]any{"follow": true})
	}},
	{"follow a draft", func(m *mworld, u *synctest.User) int {
		return call(u, "GET", "/api/maillage/proposals/"+m.draft.Id+"/follow", nil)
	}},
	{"list followers", func(m *mworld, u *synctest.User) int { return call(u, "GET", rec(s.ProposalFollowers, ""), nil) }},
	{"write followers", func(m *mworld, u *synctest.User) int {
		return call(u, "POST", rec(s.ProposalFollowers, ""), map[string]any{"proposal": m.consult.Id, "user": u.ID(), "follow": true})
	}},
}

// commentStatus comments on p as u.
func commentStatus(p *core.Record, u *synctest.User) int {
	return call(u, "POST", rec(s.Comments, ""), map[string]any{s.FieldAuthor: u.ID(), s.FieldCommentTarget: s.Proposals,
		s.FieldCommentTargetID: p.Id, s.FieldDiscussionText: "Je suis pour"})
}

// expected is the matrix: per action, the status for anonymous, resident, member, author,
// trusted, facilitator and moderator (the order of people). PocketBase answers 404 to who cannot view the
// record, 403 to who can view it but the rule refuses, and 400 when only a condition on the
// request's body refuses (the author changing a frozen field).
var expected = map[string][7]int{
	"view draft":                    {404, 404, 404, 200, 404, 404, 404},
	"view consultation":             {200, 200, 200, 200, 200, 200, 200},
	"view community's":              {404, 404, 200, 200, 404, 404, 200},
	"create draft":                  {400, 200, 200, 200, 200, 200, 200},
	"create in community":           {400, 400, 200, 200, 400, 400, 200},
	"create already voting":         {400, 400, 400, 400, 400, 400, 400},
	"edit draft":                    {404, 404, 404, 200, 404, 404, 404},
	"edit consultation":             {403, 403, 403, 200, 403, 403, 403},
	"change method in consultation": {403, 403, 403, 400, 403, 403, 403},
	"open consultation":             {404, 404, 404, 200, 404, 404, 404},
	"open the vote":                 {403, 403, 403, 400, 403, 403, 403},
	"view amendment":                {200, 200, 200, 200, 200, 200, 200},
	"view community amendment":      {404, 404, 200, 200, 404, 404, 200},
	"amend":                         {400, 200, 200, 200, 200, 200, 200},
	"amend while voting":            {400, 400, 400, 400, 400, 400, 400},
	"amend community's":             {400, 400, 200, 200, 400, 400, 400},
	"accept amendment":              {403, 400, 403, 200, 403, 403, 403},
	"rewrite amendment":             {403, 200, 403, 403, 403, 403, 403},
	"delete amendment":              {403, 204, 403, 403, 403, 403, 204},
	"list ballots":                  {403, 403, 403, 403, 403, 403, 403},
	"write a ballot":                {403, 403, 403, 403, 403, 403, 403},
	"list the roll":                 {403, 403, 403, 403, 403, 403, 403},
	"write the roll":                {403, 403, 403, 403, 403, 403, 403},
	"vote (route)":                  {401, 200, 200, 200, 200, 200, 200},
	"delete voting":                 {403, 403, 403, 403, 403, 403, 204},
	"delete draft":                  {404, 404, 404, 204, 404, 404, 404},
	"comment consultation":          {400, 200, 200, 200, 200, 200, 200},
	"comment community's":           {400, 400, 200, 200, 400, 400, 200},
	"comment while voting":          {400, 400, 400, 400, 400, 400, 400},
	"follow":                        {401, 200, 200, 200, 200, 200, 200},
	"follow community's":            {401, 404, 200, 200, 404, 404, 200},
	"follow a draft":                {401, 404, 404, 200, 404, 404, 404},
	"list followers":                {403, 403, 403, 403, 403, 403, 403},
	"write followers":               {403, 403, 403, 403, 403, 403, 403},
}

// run plays every action as person in a world of its own and lists the cells that differ
// from want.
func run(t *testing.T, person string, loosen func(*mworld)) map[string]int {
	t.Helper()
	m := newMatrixWorld(t)
	if loosen != nil {
		loosen(m)
	}
	got := map[string]int{}
	for _, a := range actions {
		got[a.name] = a.do(m, m.users[person])
	}
	return got
}

func differences(person string, got map[string]int) []string {
	var diffs []string
	i := slices.Index(people, person)
	for name, status := range got {
		if want := expected[name][i]; status != want {
			diffs = append(diffs, fmt.Sprintf("%s / %s: %d, want %d", person, name, status, want))
		}
	}
	sort.Strings(diffs)
	return diffs
}

// TestProposalRuleMatrix: every person × action on proposals, amendments, ballots and the roll.
func TestProposalRuleMatrix(t *testing.T) {
	if len(expected) != len(actions) {
		t.Fatalf("%d expectations for %d actions", len(expected), len(actions))
	}
	for _, p := range people {
		if diffs := differences(p, run(t, p, nil)); len(diffs) > 0 {
			t.Errorf("%s", strings.Join(diffs, "\n"))
		}
	}
}

// loosen rewrites one rule of coll in m's schema.
func loosen(t *testing.T, coll string, rule func(c *core.Collection) **string, from, to string) func(*mworld) {
	return func(m *mworld) {
		c, err := m.srv.App.FindCollectionByNameOrId(coll)
		if err != nil {
			t.Fatal(err)
		}
		r := rule(c)
		if *r == nil {
			empty := ""
			*r = &empty
		} else {
			if !strings.Contains(**r, from) {
				t.Fatalf("%s: no %q in %q", coll, from, **r)
			}
			loosened := strings.Replace(**r, from, to, 1)
			*r = &loosened
		}
		if err := m.srv.App.Save(c); err != nil {
			t.Fatal(err)
		}
	}
}

// TestProposalRuleMatrixControls: each rule made weaker turns the cells it guards wrong.
func TestProposalRuleMatrixControls(t *testing.T) {
	controls := []struct {
		name, person, cell string
		loosen             func(*mworld)
	}{
		{"drafts readable", pAnonymous, "view draft",
			loosen(t, s.Proposals, func(c *core.Collection) **string { return &c.ViewRule }, `phase != "draft" && `, ``)},
		{"created in any phase", pResident, "create already voting",
			loosen(t, s.Proposals, func(c *core.Collection) **string { return &c.CreateRule }, `phase = "draft" && `, ``)},
		{"the vote opened by its author", pAuthor, "open the vote",
			loosen(t, s.Proposals, func(c *core.Collection) **string { return &c.UpdateRule }, `@request.body.phase:changed = false && @request.body.method`, `@request.body.method`)},
		{"amendments decided by anyone", pResident, "accept amendment",
			loosen(t, s.Amendments, func(c *core.Collection) **string { return &c.UpdateRule }, `proposal.author = @request.auth.id && `, ``)},
		{"amendments after the consultation", pResident, "amend while voting",
			loosen(t, s.Amendments, func(c *core.Collection) **string { return &c.CreateRule }, `proposal.phase = "consultation" && `, ``)},
		{"community proposals amended by anyone", pTrusted, "amend community's",
			loosen(t, s.Amendments, func(c *core.Collection) **string { return &c.CreateRule }, `proposal.community = "" ||`, `proposal.community != "" ||`)},
		{"ballots listed", pAnonymous, "list ballots",
			loosen(t, s.Votes, func(c *core.Collection) **string { return &c.ListRule }, "", "")},
		{"the roll written", pResident, "write the roll",
			loosen(t, s.VoteRoll, func(c *core.Collection) **string { return &c.CreateRule }, "", "")},
		{"followers listed", pTrusted, "list followers",
			loosen(t, s.ProposalFollowers, func(c *core.Collection) **string { return &c.ListRule }, "", "")},
		{"community comments open to all", pTrusted, "comment community's",
			loosen(t, s.Proposals, func(c *core.Collection) **string { return &c.ViewRule }, `community = "" ||`, `community != "" ||`)},
	}
	for _, c := range controls {
		t.Run(c.name, func(t *testing.T) {
			got := run(t, c.person, c.loosen)
			want := expected[c.cell][slices.Index(people, c.person)]
			if got[c.cell] == want {
				t.Errorf("%s / %s still %d with the rule loosened", c.person, c.cell, want)
			}
		})
	}
}
