package schema

// Event fields that EventFields does not name: the removed occurrences (a JSON list of
// instants, beside FieldRDates) and the registration link.
const (
	FieldExDates         = "exdates"
	FieldRegistrationURL = "registrationUrl"
)
