// Package schema names Maillage's collections, fields and enumerated values once, so that
// migrations, hooks, the sync engine and tests agree on them.
//
//	rec.GetString(schema.FieldStatus) == schema.StatusPublished
package schema

// Collection names.
const (
	Users         = "users"
	Categories    = "categories"
	Communities   = "communities"
	Memberships   = "memberships"
	Communes      = "communes"
	Organisations = "organisations"
	Initiatives   = "initiatives"
	Events        = "events"
	Offers        = "offers"
)

// Common fields of every user-facing collection.
const (
	FieldVisibility = "visibility"
	FieldCommunity  = "community"
	FieldStatus     = "status"
	FieldAuthor     = "author"
	FieldDeleted    = "deleted"
	FieldSource     = "source"
	FieldExternalID = "externalId"
	FieldCreated    = "created"
	FieldUpdated    = "updated"
	FieldGeo        = "geo"
	FieldCommune    = "commune"
)

// User fields.
const (
	FieldRole              = "role"
	FieldProfileVisibility = "profileVisibility"
	FieldLocale            = "locale"
)

// Visibility values.
const (
	VisibilityPublic    = "public"
	VisibilityCommunity = "community"
	VisibilityPrivate   = "private"
)

// Moderation status values.
const (
	StatusPending   = "pending"
	StatusPublished = "published"
	StatusRejected  = "rejected"
	StatusArchived  = "archived"
)

// User roles, from least to most trusted.
const (
	RoleResident    = "resident"
	RoleFacilitator = "facilitator"
	RoleModerator   = "moderator"
)

// Content lists the user-facing collections that share the visibility model, in the order
// their dependencies require (organisations before initiatives, initiatives before events).
var Content = []string{Organisations, Initiatives, Events, Offers}

// IsContent reports whether collection follows the shared visibility model.
func IsContent(collection string) bool {
	for _, c := range Content {
		if c == collection {
			return true
		}
	}
	return false
}
