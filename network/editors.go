package network

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// Fields of the nodes this package reads.
const (
	fieldMembers         = s.FieldOrganisationMembers
	fieldOrganisation    = "organisation"
	fieldOwner           = "owner"
	fieldMembershipRole  = "role"
	fieldMembershipUser  = "user"
	roleCoordinator      = "coordinator"
	fieldMembershipGroup = "community"
)

// Editors returns who may speak for node in the network: an organisation's author and members,
// an initiative's author and the members of its organisation, a community's owner and
// coordinators. A nil node has none.
func Editors(app core.App, node *core.Record) ([]string, error) {
	if node == nil {
		return []string{}, nil
	}
	var ids []string
	switch node.Collection().Name {
	case s.Organisations:
		ids = append([]string{node.GetString(s.FieldAuthor)}, node.GetStringSlice(fieldMembers)...)
	case s.Initiatives:
		members, err := organisationMembers(app, node.GetString(fieldOrganisation))
		if err != nil {
			return nil, err
		}
		ids = append([]string{node.GetString(s.FieldAuthor)}, members...)
	case s.Communities:
		coordinators, err := coordinatorsOf(app, node.Id)
		if err != nil {
			return nil, err
		}
		ids = append([]string{node.GetString(fieldOwner)}, coordinators...)
	}
	return distinct(ids), nil
}

// organisationMembers returns the members of organisation id; none when it is empty or gone.
func organisationMembers(app core.App, id string) ([]string, error) {
	if id == "" {
		return nil, nil
	}
	org, err := app.FindRecordById(s.Organisations, id)
	if err != nil {
		return nil, nil // an initiative whose organisation is gone has its author alone
	}
	return org.GetStringSlice(fieldMembers), nil
}

// coordinatorsOf returns the coordinators of community id.
func coordinatorsOf(app core.App, id string) ([]string, error) {
	recs, err := app.FindAllRecords(s.Memberships, dbx.HashExp{fieldMembershipGroup: id, fieldMembershipRole: roleCoordinator})
	if err != nil {
		return nil, fmt.Errorf("find coordinators of %s: %w", id, err)
	}
	ids := make([]string, 0, len(recs))
	for _, r := range recs {
		ids = append(ids, r.GetString(fieldMembershipUser))
	}
	return ids, nil
}

// IsPublic reports whether anyone may read node: a published, not deleted, public record; a
// community is a public group.
func IsPublic(node *core.Record) bool {
	if node == nil {
		return false
	}
	if node.Collection().Name == s.Communities {
		return true
	}
	return node.GetString(s.FieldStatus) == s.StatusPublished && !node.GetBool(s.FieldDeleted) &&
		node.GetString(s.FieldVisibility) == s.VisibilityPublic
}

func distinct(ids []string) []string {
	out := []string{}
	for _, id := range ids {
		if id != "" && !contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}
