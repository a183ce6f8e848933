package hooks

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// bindModeration forces the moderation status and fills the visibility of new content from who
// its author is, keeps content out of communities its author is not in, whatever the write
// path: a resident's contribution waits for a moderator. It also explains refused writes.
func bindModeration(app core.App) {
	BindModeration(app, s.Content...)
	bindRefusals(app)
}

// BindModeration binds the moderation of content to collections that follow the visibility
// model outside s.Content (forum threads, news): a new record's status from its author's role,
// its visibility by default, and its community among its author's.
func BindModeration(app core.App, collections ...string) {
	app.OnRecordValidate(collections...).BindFunc(func(e *core.RecordEvent) error {
		if err := checkCommunityAuthor(e.App, e.Record); err != nil {
			return err
		}
		return e.Next()
	})
	app.OnRecordCreate(collections...).BindFunc(func(e *core.RecordEvent) error {
		if err := moderateNew(e.App, e.Record); err != nil {
			return err
		}
		e.Record.Set(s.FieldVisibility, defaultVisibility(e.Record.GetString(s.FieldVisibility), e.Record.GetString(s.FieldCommunity)))
		return e.Next()
	})
}

// BindStatusModeration binds only the status rule of BindModeration to collections whose
// visibility and community come from elsewhere (comments take their target's).
func BindStatusModeration(app core.App, collections ...string) {
	app.OnRecordCreate(collections...).BindFunc(func(e *core.RecordEvent) error {
		if err := moderateNew(e.App, e.Record); err != nil {
			return err
		}
		return e.Next()
	})
}

// moderateNew sets the status of a new record from its author's role.
func moderateNew(app core.App, rec *core.Record) error {
	role, err := authorRole(app, rec.GetString(s.FieldAuthor))
	if err != nil {
		return err
	}
	rec.Set(s.FieldStatus, initialStatus(role, rec.GetString(s.FieldStatus)))
	return nil
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

// checkCommunityAuthor refuses content placed in a community its author is not a member of,
// when the record is new or its community or author changes: a "community" record is for the
// members of its community, and its author must be one of them. Moderators may place their
// own records anywhere, as the create rule lets them; records without an author (imports, the
// demo) are left alone, and so are records whose author left the community since.
func checkCommunityAuthor(app core.App, rec *core.Record) error {
	community, author := rec.GetString(s.FieldCommunity), rec.GetString(s.FieldAuthor)
	if community == "" || author == "" || !communityOrAuthorChanged(rec) {
		return nil
	}
	role, err := authorRole(app, author)
	if err != nil || role == s.RoleModerator {
		return err
	}
	member, err := isMember(app, author, community)
	if err != nil || member {
		return err
	}
	return validation.Errors{s.FieldCommunity: i18n.NewError(codeNotMember, nil)}
}

func communityOrAuthorChanged(rec *core.Record) bool {
	if rec.IsNew() {
		return true
	}
	orig := rec.Original()
	return orig.GetString(s.FieldCommunity) != rec.GetString(s.FieldCommunity) ||
		orig.GetString(s.FieldAuthor) != rec.GetString(s.FieldAuthor)
}

// membershipUser is the user relation of a membership (its community is s.FieldCommunity).
const membershipUser = "user"

// isMember reports whether user userID has a membership in community communityID.
func isMember(app core.App, userID, communityID string) (bool, error) {
	_, err := app.FindFirstRecordByFilter(s.Memberships, membershipUser+" = {:user} && "+s.FieldCommunity+" = {:community}",
		dbx.Params{"user": userID, "community": communityID})
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	}
	return false, fmt.Errorf("find membership of %s in %s: %w", userID, communityID, err)
}
