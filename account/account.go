// Package account gives each person their rights over their data: the export of everything
// Maillage holds about them (GET /api/maillage/me/export, a zip), the deletion of their
// account (DELETE /api/maillage/me, or POST /api/maillage/me/delete) with their choice for
// their public contributions, and the consent an exact location on a profile needs.
//
// Which records are about a person is read from the schema: every relation field to the users
// collection. A collection added later is exported and cleaned up without new code; policy.go
// says what a deletion does to each kind of relation.
//
//	account.Register(app)
//	zipErr := account.Export(app, user, "fr", w)
//	summary, err := account.Delete(app, user.Id, schema.ContributionsAnonymise)
package account

import (
	"github.com/pocketbase/pocketbase/core"
)

// Routes of a signed-in person's own data.
const (
	// PathMe is the person's account: DELETE deletes it.
	PathMe = "/api/maillage/me"
	// PathExport answers the zip of everything held about the person.
	PathExport = PathMe + "/export"
	// PathDelete deletes the account (POST, for clients that send no body with DELETE).
	PathDelete = PathMe + "/delete"
)

// Register binds the location consent rule and the routes of the person's own data.
func Register(app core.App) {
	bindConsent(app)
	bindRoutes(app)
}
