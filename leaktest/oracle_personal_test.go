package leaktest

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// personal is the oracle of the collections outside the content model (DESIGN.md, README).
func (o oracle) personal(v *viewer, r *core.Record) bool {
	me, mod, g := v.ID(), v.role == s.RoleModerator, r.GetString
	switch r.Collection().Name {
	case s.Proposals: // open to all once out of draft, unless kept to a community
		return (me != "" && g("author") == me) || (g("phase") != s.PhaseDraft && (g("community") == "" || o.member(v, g("community")) || mod))
	case s.Amendments:
		p := o.w.recs[g("proposal")]
		return (me != "" && (g("author") == me || (p != nil && p.GetString("author") == me))) || (p != nil && o.personal(v, p))
	case s.Links:
		return o.link(v, r)
	}
	if me == "" {
		return false // nothing below is for anonymous readers
	}
	switch c := r.Collection().Name; c {
	case s.Reports, s.SyncConflicts, s.Media:
		return g("author") == me || mod // one's own, and moderators'
	case s.ModerationVotes:
		return g("voter") == me || mod
	case s.Blocks:
		return g("author") == me // whom one blocked is one's own business
	case s.ConversationReads, s.PushSubscriptions, s.NotificationPreferences:
		return g("user") == me
	case s.ImportRuns, s.Duplicates, s.AuditLog, s.FederationFollowing:
		return mod
	case s.Conversations:
		return slices.Contains(r.GetStringSlice("participants"), me)
	case s.Messages:
		conv := o.w.recs[g("conversation")]
		return conv != nil && slices.Contains(conv.GetStringSlice("participants"), me) && (!r.GetBool("hiddenByReports") || g("author") == me)
	case s.Bookings:
		offer := o.w.recs[g("offer")]
		return g("author") == me || (offer != nil && offer.GetString("author") == me) || mod
	case s.Suggestions:
		target := o.w.recs[g("recordId")]
		return g("author") == me || (target != nil && target.GetString("author") == me) || mod || v.role == s.RoleFacilitator
	}
	return false // superusers' only: sources, importStates, votes, voteRoll, proposalFollowers, federation
}

// link: a cooperation is read by its author, by the editors of its two ends unless private,
// by moderators unless private, and by everyone it is meant for once confirmed between two
// public nodes.
func (o oracle) link(v *viewer, r *core.Record) bool {
	me, g := v.ID(), r.GetString
	if me == "" && g("visibility") != s.VisibilityPublic {
		return false
	}
	from, to := o.w.recs[g("fromId")], o.w.recs[g("toId")]
	vis := g("visibility")
	editor := (from != nil && from.GetString("author") == me) || (to != nil && to.GetString("author") == me)
	anon := o.w.by["anonymous"]
	nodesPublic := from != nil && to != nil && o.content(anon, from) && o.content(anon, to)
	switch {
	case me != "" && (g("author") == me || (vis != s.VisibilityPrivate && (editor || v.role == s.RoleModerator))):
		return true
	case g("status") != s.LinkConfirmed || !nodesPublic:
		return false
	}
	return vis == s.VisibilityPublic || (vis == s.VisibilityCommunity && (g("community") == "" || o.member(v, g("community"))))
}
