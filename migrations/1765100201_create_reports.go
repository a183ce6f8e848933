package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// reports: a signed-in person reports a record, comment or message they can read
// (governance/moderation checks it and copies an excerpt), once per target. Reports are read by
// their author and by moderators; only the server changes them (a moderator's review closes
// them); their author withdraws one while it is open and has not hidden its target.
func init() {
	m.Register(createReports, dropCollections(s.Reports))
}

const (
	reportsRead   = `(` + ruleAuthor + ` || ` + ruleModerator + `)`
	reportsCreate = ruleSignedIn + ` && author = @request.auth.id` +
		` && (@request.body.state:isset = false || @request.body.state = "open")` +
		` && (@request.body.hidden:isset = false || @request.body.hidden = false)`
	reportsDelete = ruleAuthor + ` && state = "open" && hidden = false`
)

func createReports(app core.App) error {
	c := core.NewBaseCollection(s.Reports)
	c.ListRule = rule(reportsRead)
	c.ViewRule = rule(reportsRead)
	c.CreateRule = rule(reportsCreate)
	c.DeleteRule = rule(reportsDelete)
	c.Fields.Add(
		&core.SelectField{Name: s.FieldTargetCollection, Required: true, MaxSelect: 1, Values: s.ReportTargets},
		&core.TextField{Name: s.FieldTargetRecordID, Required: true, Max: 15, Pattern: `^[a-z0-9]+$`},
		&core.TextField{Name: s.FieldReason, Required: true, Max: 1000},
		&core.RelationField{Name: s.FieldAuthor, CollectionId: "_pb_users_auth_", MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.SelectField{Name: s.FieldReportState, MaxSelect: 1, Values: s.ReportStates},
		&core.BoolField{Name: s.FieldReportHidden},
		&core.TextField{Name: s.FieldReportExcerpt, Max: 500},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_reports_once", true, s.FieldTargetCollection+", "+s.FieldTargetRecordID+", "+s.FieldAuthor, "")
	c.AddIndex("idx_reports_state", false, s.FieldReportState, "")
	return app.Save(c)
}
