package proposals

import (
	"encoding/json"
	"regexp"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/governance/proposals/tally"
	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// Bounds of a proposal's options.
const (
	minOptions = 2
	maxOptions = 50
	maxLabel   = 200
)

var optionID = regexp.MustCompile(`^[A-Za-z0-9_-]{1,30}$`)

// bindModel: a new proposal starts as a draft and a new amendment as proposed unless told;
// a proposal's options and deadlines are checked whatever writes it.
func bindModel(app core.App) {
	app.OnRecordCreateRequest(s.Proposals).BindFunc(func(e *core.RecordRequestEvent) error {
		if e.Record.GetString(s.FieldProposalPhase) == "" {
			e.Record.Set(s.FieldProposalPhase, s.PhaseDraft)
		}
		return e.Next()
	})
	app.OnRecordCreateRequest(s.Amendments).BindFunc(func(e *core.RecordRequestEvent) error {
		if e.Record.GetString(s.FieldAmendmentStatus) == "" {
			e.Record.Set(s.FieldAmendmentStatus, s.AmendmentProposed)
		}
		return e.Next()
	})
	app.OnRecordValidate(s.Proposals).BindFunc(func(e *core.RecordEvent) error {
		if err := checkProposal(e.Record, time.Now()); err != nil {
			return err
		}
		return e.Next()
	})
}

// checkProposal: valid options; deadlines in order; a consultation opened with deadlines to
// come.
func checkProposal(p *core.Record, now time.Time) error {
	if _, err := optionsOf(p); err != nil {
		return validation.Errors{s.FieldProposalOptions: err}
	}
	phase := p.GetString(s.FieldProposalPhase)
	consult, vote := p.GetDateTime(s.FieldProposalConsultationEnd), p.GetDateTime(s.FieldProposalVoteEnd)
	if phase == s.PhaseDraft {
		return nil
	}
	if vote.IsZero() || (!consult.IsZero() && !consult.Time().Before(vote.Time())) {
		return validation.Errors{s.FieldProposalVoteEnd: i18n.NewError("proposal_deadlines_order", nil)}
	}
	opening := !p.IsNew() && p.Original().GetString(s.FieldProposalPhase) == s.PhaseDraft && phase == s.PhaseConsultation
	if opening && (consult.IsZero() || !consult.Time().After(now)) {
		return validation.Errors{s.FieldProposalConsultationEnd: i18n.NewError("proposal_deadline_past", nil)}
	}
	return nil
}

// optionsOf reads a proposal's options: 2 to 50, each with a unique id and a label.
func optionsOf(p *core.Record) ([]tally.Option, error) {
	var options []tally.Option
	raw, _ := json.Marshal(p.Get(s.FieldProposalOptions))
	if json.Unmarshal(raw, &options) != nil || len(options) < minOptions || len(options) > maxOptions {
		return nil, i18n.NewError("proposal_options_invalid", map[string]any{"min": minOptions, "max": maxOptions})
	}
	seen := map[string]bool{}
	for _, o := range options {
		if !optionID.MatchString(o.ID) || seen[o.ID] || o.Label == "" || len([]rune(o.Label)) > maxLabel {
			return nil, i18n.NewError("proposal_options_invalid", map[string]any{"min": minOptions, "max": maxOptions})
		}
		seen[o.ID] = true
	}
	return options, nil
}
