package hooks

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// bindModeration forces the moderation status and fills the visibility of new content from who
// its author is, whatever the write path: a resident's contribution waits for a moderator.
func bindModeration(app core.App) {
	app.OnRecordCreate(s.Content...).BindFunc(func(e *core.RecordEvent) error {
		role, err := authorRole(e.App, e.Record.GetString(s.FieldAuthor))
		if err != nil {
			return err
		}
		e.Record.Set(s.FieldStatus, initialStatus(role, e.Record.GetString(s.FieldStatus)))
		e.Record.Set(s.FieldVisibility, defaultVisibility(e.Record.GetString(s.FieldVisibility), e.Record.GetString(s.FieldCommunity)))
		return e.Next()
	})
}

// initialStatus is the status a new record gets. authorRole is "" when the record has no author
// (an import or the demo, made by the system): the requested status stands, pending by default.
// An author whose role is unknown is treated as a resident.
func initialStatus(authorRole, requested string) string {
	switch authorRole {
	case "":
		if requested == "" {
			return s.StatusPending
		}
		return requested
	case s.RoleFacilitator, s.RoleModerator:
		return s.StatusPublished
	default:
		return s.StatusPending
	}
}

// defaultVisibility makes a record public unless it names a community, then community.
func defaultVisibility(requested, community string) string {
	switch {
	case requested != "":
		return requested
	case community != "":
		return s.VisibilityCommunity
	default:
		return s.VisibilityPublic
	}
}

// authorRole returns the role of the user authorId, "" when authorId is empty and
// RoleResident when the user does not exist (validation refuses the relation afterwards).
func authorRole(app core.App, authorID string) (string, error) {
	if authorID == "" {
		return "", nil
	}
	author, err := app.FindRecordById(s.Users, authorID)
	if errors.Is(err, sql.ErrNoRows) {
		return s.RoleResident, nil
	}
	if err != nil {
		return "", fmt.Errorf("find author %s: %w", authorID, err)
	}
	if role := author.GetString(s.FieldRole); role != "" {
		return role, nil
	}
	return s.RoleResident, nil
}
