package schema

// Personal data (package account): each person's consent to keep an exact location on their
// profile, and the routes of their export and of their account's deletion.
const (
	// FieldGeoConsent on users: the person agreed that Maillage keeps the exact point of their
	// profile (geo). Without it no point is kept.
	FieldGeoConsent = "geoConsent"
)

// Choices for a person's public contributions when their account is deleted.
const (
	// ContributionsDelete deletes them with the account.
	ContributionsDelete = "delete"
	// ContributionsAnonymise keeps them without their author.
	ContributionsAnonymise = "anonymise"
)
