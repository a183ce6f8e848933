package push

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// PhaseChanged queues the notification of proposal p's new phase to its followers (users'
// ids, worked out by governance/proposals). A nil Notifier (push not registered) does nothing.
func (n *Notifier) PhaseChanged(p *core.Record, followers []string) {
	if n == nil || len(followers) == 0 {
		return
	}
	n.enqueue(event{kind: kindPhase, collection: p.Collection().Name, id: p.Id,
		status: p.GetString(s.FieldProposalPhase), to: followers})
}

// phaseNotes: a proposal moved to a new phase, for its followers who want decisions and may
// still read it (unless it moved on again since).
func (n *Notifier) phaseNotes(p *core.Record, ev event) []outgoing {
	if p.GetString(s.FieldProposalPhase) != ev.status {
		return nil
	}
	var out []outgoing
	for _, user := range n.recipients(ev.to, "", "") {
		if !preferencesOf(n.app, user.Id).decisions || !canRead(n.app, p, user) {
			continue
		}
		lang := langOf(user)
		out = append(out, outgoing{user, Notification{
			Title: i18n.T(lang, "push_phase_"+ev.status+"_title", nil),
			Body:  label(p, lang),
			URL:   detailURL(s.Proposals, p.Id),
		}})
	}
	return out
}
