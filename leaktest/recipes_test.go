package leaktest

import (
	"slices"
	"testing"

	s "github.com/maillage/maillage/schema"
)

// fields is one record's given values; fill adds the canaries.
type fields = map[string]any

// contentCollections hold records with the visibility model's five fields (visibility,
// community, status, author, deleted), generated over the whole grid.
var contentCollections = []string{s.Organisations, s.Initiatives, s.Events, s.Offers, s.Pages, s.Threads, s.Posts}

// generatedBySystem are collections the world does not write directly, with the reason: their
// rows are made by the server from the other writes, and carry the others' canaries.
var generatedBySystem = map[string]string{
	s.Revisions: "written by triggers on every content write: each revision carries its record's canaries in changes",
}

// generate writes the world, collection by collection in dependency order, and fails when the
// schema holds a collection no recipe covers (a new collection must join the matrix).
func (w *world) generate(t testing.TB) {
	t.Helper()
	steps := []struct {
		colls []string
		make  func(testing.TB)
	}{
		{[]string{s.Communities, s.Memberships, s.Categories, s.Communes}, w.groups},
		{contentCollections, w.content},
		{[]string{s.Comments, s.Links, s.Suggestions, s.Reports, s.ModerationVotes}, w.around},
		{[]string{s.Conversations, s.Messages, s.Blocks, s.ConversationReads, s.Bookings}, w.private},
		{[]string{s.Proposals, s.Amendments, s.Votes, s.VoteRoll, s.ProposalFollowers}, w.governance},
		{[]string{s.SyncConflicts, s.Media, s.PushSubscriptions, s.NotificationPreferences}, w.personal},
		{[]string{s.Sources, s.ImportRuns, s.Duplicates, s.ImportStates, s.AuditLog}, w.operations},
		{[]string{s.FederationFollowers, s.FederationFollowing, s.FederationDeliveries, s.FederationBlocks}, w.federation},
	}
	covered := []string{s.Users}
	for c := range generatedBySystem {
		covered = append(covered, c)
	}
	for _, st := range steps {
		st.make(t)
		covered = append(covered, st.colls...)
	}
	all, err := w.srv.App.FindAllCollections()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range all {
		if !c.System && !slices.Contains(covered, c.Name) {
			t.Errorf("collection %s is in the schema but no recipe of leaktest generates it", c.Name)
		}
	}
}
