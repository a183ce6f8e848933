package indicators

// What one record adds to the figures: its cells (commune, month, indicator) and the people
// it makes active contributors of a month. A record's whole contribution is a function of its
// stored values, so a write moves the figures by new − old.

import (
	"slices"
	"time"
	_ "time/tzdata" // the zone must resolve on servers without a zoneinfo database

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	s "github.com/maillage/maillage/schema"
)

// Cell is one figure: an indicator of a commune ("" the whole territory) in a month (YYYY-MM).
type Cell struct{ Commune, Month, Indicator string }

// Person is one active contributor of a commune in a month; the table keeps how many records
// make them so, and the contributors figure counts the people with at least one.
type Person struct{ Commune, Month, User string }

// Contribution is what records add to the figures.
type Contribution struct {
	Cells  map[Cell]int
	People map[Person]int
}

// newContribution returns an empty contribution.
func newContribution() Contribution {
	return Contribution{Cells: map[Cell]int{}, People: map[Person]int{}}
}

// add counts n of indicator in month for every commune in communes.
func (c Contribution) add(communes []string, month, indicator string, n int) {
	if month == "" || n == 0 {
		return
	}
	for _, commune := range communes {
		c.Cells[Cell{commune, month, indicator}] += n
	}
}

// person makes user an active contributor of month in every commune in communes.
func (c Contribution) person(communes []string, month, user string) {
	if month == "" || user == "" {
		return
	}
	for _, commune := range communes {
		c.People[Person{commune, month, user}]++
	}
}

// merge adds o to c.
func (c Contribution) merge(o Contribution) {
	for k, v := range o.Cells {
		c.Cells[k] += v
	}
	for k, v := range o.People {
		c.People[k] += v
	}
}

// Zone is the territory's time zone: a month starts at midnight there.
var Zone = mustZone("Europe/Paris")

func mustZone(name string) *time.Location {
	z, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return z
}

// month is the YYYY-MM of a date in the territory's zone; "" for no date.
func month(d types.DateTime) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().In(Zone).Format("2006-01")
}

// isPublic reports whether r may be counted: public, published and not deleted.
func isPublic(r *core.Record) bool {
	return r.GetString(s.FieldVisibility) == s.VisibilityPublic &&
		r.GetString(s.FieldStatus) == s.StatusPublished && !r.GetBool(s.FieldDeleted)
}

// communesOf lists where r counts: the whole territory, and its commune when it has one.
func communesOf(r *core.Record) []string {
	if c := r.GetString(s.FieldCommune); c != "" {
		return []string{Territory, c}
	}
	return []string{Territory}
}

// contributionOf is what r, as stored, adds to the figures; app reads what r refers to.
func contributionOf(app core.App, r *core.Record) Contribution {
	c := newContribution()
	if r == nil {
		return c
	}
	switch name := r.Collection().Name; {
	case slices.Contains(s.Content, name):
		addContent(app, c, r)
	case name == s.Comments:
		addComment(c, r)
	case name == s.Suggestions:
		addSuggestion(c, r)
	case name == s.Proposals:
		addProposal(app, c, r)
	case name == s.VoteRoll:
		addBallot(app, c, r)
	case name == s.Bookings:
		addBooking(app, c, r)
	}
	return c
}

// addContent counts a public organisation, initiative, event or offer: as new, held or done
// (an offer also with its confirmed bookings), as imported or contributed, and its author as active in the month it was created.
func addContent(app core.App, c Contribution, r *core.Record) {
	if !isPublic(r) {
		return
	}
	where, created := communesOf(r), month(r.GetDateTime(s.FieldCreated))
	switch r.Collection().Name {
	case s.Organisations:
		c.add(where, created, Organisations, 1)
	case s.Initiatives:
		c.add(where, created, Initiatives, 1)
	case s.Events:
		c.add(where, month(r.GetDateTime("start")), Events, 1)
	case s.Offers:
		if r.GetString("state") == s.OfferDone {
			c.add(where, month(r.GetDateTime(s.FieldUpdated)), Exchanges, 1)
		}
		addConfirmedBookings(app, c, r, where)
	}
	if r.GetString(s.FieldSource) != "" {
		c.add(where, created, Imported, 1)
	} else {
		c.add(where, created, Contributed, 1)
	}
	c.person(where, created, r.GetString(s.FieldAuthor))
}

// addComment makes the author of a public comment on a live record active that month.
func addComment(c Contribution, r *core.Record) {
	if !isPublic(r) || r.GetBool(s.FieldCommentTargetDeleted) {
		return
	}
	c.person([]string{Territory}, month(r.GetDateTime(s.FieldCreated)), r.GetString(s.FieldAuthor))
}

// addSuggestion makes its author active the month it was made, and counts it accepted (in the
// month of its last change, its decision) when all or part of it was.
func addSuggestion(c Contribution, r *core.Record) {
	where := []string{Territory}
	c.person(where, month(r.GetDateTime(s.FieldCreated)), r.GetString(s.FieldAuthor))
	switch r.GetString(s.FieldSuggestionStatus) {
	case s.SuggestionAccepted, s.SuggestionPartlyAccepted:
		c.add(where, month(r.GetDateTime(s.FieldUpdated)), SuggestionsAccepted, 1)
	}
}

// proposalCounts reports whether a proposal is counted: opened (past its draft) and open to
// the whole territory (no community).
func proposalCounts(r *core.Record) bool {
	return r.GetString(s.FieldProposalPhase) != s.PhaseDraft && r.GetString(s.FieldCommunity) == ""
}

// addProposal counts an opened proposal in the month it was created, with the ballots cast
// on it (rows of the roll: who voted is never read).
func addProposal(app core.App, c Contribution, r *core.Record) {
	if !proposalCounts(r) {
		return
	}
	created := month(r.GetDateTime(s.FieldCreated))
	c.add([]string{Territory}, created, Proposals, 1)
	c.add([]string{Territory}, created, Ballots, countBallots(app, r.Id))
}

// addBallot counts one row of the roll in its proposal's month when the proposal counts.
func addBallot(app core.App, c Contribution, r *core.Record) {
	p, err := app.FindRecordById(s.Proposals, r.GetString(s.FieldBallotProposal))
	if err != nil || !proposalCounts(p) {
		return
	}
	c.add([]string{Territory}, month(p.GetDateTime(s.FieldCreated)), Ballots, 1)
}

// countBallots counts the rows of the roll of a proposal.
func countBallots(app core.App, proposal string) int {
	var n int
	_ = app.DB().Select("COUNT(*)").From(s.VoteRoll).
		Where(dbx.HashExp{s.FieldBallotProposal: proposal}).Row(&n)
	return n
}

// addConfirmedBookings counts the confirmed bookings of a public offer as exchanges, each in
// the month it starts.
func addConfirmedBookings(app core.App, c Contribution, offer *core.Record, where []string) {
	var starts []struct{ Start types.DateTime }
	_ = app.DB().Select(s.BookingFields.Start + " AS start").From(s.Bookings).
		Where(dbx.HashExp{s.BookingFields.Offer: offer.Id, s.BookingFields.Status: s.BookingConfirmed}).All(&starts)
	for _, b := range starts {
		c.add(where, month(b.Start), Exchanges, 1)
	}
}

// addBooking counts a confirmed booking as an exchange, in the month it starts, when its offer
// counts (public, published, not deleted).
func addBooking(app core.App, c Contribution, r *core.Record) {
	if r.GetString(s.BookingFields.Status) != s.BookingConfirmed {
		return
	}
	offer, err := app.FindRecordById(s.Offers, r.GetString(s.BookingFields.Offer))
	if err != nil || !isPublic(offer) {
		return
	}
	c.add(communesOf(offer), month(r.GetDateTime(s.BookingFields.Start)), Exchanges, 1)
}
