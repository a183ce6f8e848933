package proposals

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/push"
	s "github.com/maillage/maillage/schema"
)

// PhaseJob is the id of the cron job that moves proposals on at their deadlines.
const PhaseJob = "maillageProposalPhases"

func bindPhases(app core.App) {
	app.Cron().MustAdd(PhaseJob, "* * * * *", func() {
		if _, err := Advance(app, time.Now()); err != nil {
			app.Logger().Error("proposals: phases", "error", err)
		}
	})
}

// Advance moves every proposal whose deadline has come by now: consultation → vote at
// consultationEnd, vote → closed at voteEnd (a consultation whose vote also ended goes straight
// to closed). It returns how many proposals changed phase.
func Advance(app core.App, now time.Time) (int, error) {
	at, err := types.ParseDateTime(now.UTC())
	if err != nil {
		return 0, err
	}
	due, err := app.FindAllRecords(s.Proposals, dbx.NewExp(
		`(phase = 'consultation' AND consultationEnd != '' AND consultationEnd <= {:at}) OR `+
			`(phase IN ('consultation', 'vote') AND voteEnd != '' AND voteEnd <= {:at})`, dbx.Params{"at": at.String()}))
	if err != nil {
		return 0, err
	}
	for _, p := range due {
		p.Set(s.FieldProposalPhase, nextPhase(p, now))
		if err := app.Save(p); err != nil {
			return 0, err
		}
		notifyFollowers(app, p)
	}
	return len(due), nil
}

func nextPhase(p *core.Record, now time.Time) string {
	if v := p.GetDateTime(s.FieldProposalVoteEnd); !v.IsZero() && !v.Time().After(now) {
		return s.PhaseClosed
	}
	return s.PhaseVote
}

// notifyFollowers queues a push notification of p's new phase to its followers (Followers);
// the write is done, so a failure to find them is logged, not returned.
func notifyFollowers(app core.App, p *core.Record) {
	ids, err := Followers(app, p)
	if err != nil {
		app.Logger().Error("proposals: followers", "proposal", p.Id, "error", err)
		return
	}
	push.NotifierOf(app).PhaseChanged(p, ids)
}
