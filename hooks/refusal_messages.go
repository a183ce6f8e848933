package hooks

import (
	"net/http"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// The reasons given for refused writes, as message keys of the i18n catalogue
// (i18n/messages_refusals.go): each says what was refused and what to do instead, in the
// requester's language. A field refusal's key is also its error code.
const (
	msgSignInToAdd      = "sign_in_to_add"
	msgSignInToChange   = "sign_in_to_change"
	msgNotYourRecord    = "not_your_record"
	msgNotYourAccount   = "not_your_account"
	msgNotYourCommunity = "not_your_community"
	msgFoundCommunity   = "found_community_refused"
	msgAddMember        = "add_member_refused"
	msgFieldRefused     = "record_field_refused"
	msgFieldsRefused    = "record_fields_refused"
	msgBatchRefused     = "batch_request_refused"
)

// Error codes of refused fields, also their message keys.
const (
	codeAuthorNotYou = "author_not_you"
	codeAuthorLocked = "author_locked"
	codeStatusLocked = "status_moderators_only"
	codeRoleLocked   = "role_locked"
	codeRoleOnSignUp = "role_on_signup"
	codeNotMember    = "author_not_member"
	codeOwnerNotYou  = "owner_not_you"
	codeProvenance   = "provenance_imports_only"
	codeGeoOverride  = "geo_override_moderators_only"
	codeFieldLocked  = "field_locked"
	codeOutside      = "outside_territory"
)

// fieldCode is the error code of a field the update rule refuses.
func fieldCode(field string) string {
	switch field {
	case s.FieldAuthor:
		return codeAuthorLocked
	case s.FieldStatus:
		return codeStatusLocked
	case s.FieldRole:
		return codeRoleLocked
	case s.FieldSource, s.FieldExternalID:
		return codeProvenance
	case s.FieldGeoOverride:
		return codeGeoOverride
	}
	return codeFieldLocked
}

// fieldError is the error shown next to a refused field, in lang.
func fieldError(lang, code string) validation.Error {
	return validation.NewError(code, i18n.T(lang, code, nil))
}

// notYours says why a visible record of c cannot be changed by auth.
func notYours(c *core.Collection, auth *core.Record) string {
	switch {
	case auth == nil:
		return msgSignInToChange
	case c.Name == s.Users:
		return msgNotYourAccount
	case c.Name == s.Communities || c.Name == s.Memberships:
		return msgNotYourCommunity
	}
	return msgNotYourRecord
}

// refusal is why the rules will refuse a write: a status with its message, or field errors.
type refusal struct {
	status int
	msg    string            // the message key of a refusal without fields
	fields map[string]string // refused field → error code
}

func statusRefusal(status int, msg string) *refusal { return &refusal{status: status, msg: msg} }

func fieldRefusal(field, code string) *refusal {
	return &refusal{status: http.StatusBadRequest, fields: map[string]string{field: code}}
}

// apiError writes the refusal in lang, its field errors beside their fields.
func (r *refusal) apiError(lang string) *router.ApiError {
	if len(r.fields) == 0 {
		return router.NewApiError(r.status, i18n.T(lang, r.msg, nil), nil)
	}
	errs := validation.Errors{}
	msg := i18n.T(lang, msgFieldsRefused, nil)
	for field, code := range r.fields {
		errs[field] = fieldError(lang, code)
		if len(r.fields) == 1 {
			msg = i18n.T(lang, msgFieldRefused, map[string]any{"field": field})
		}
	}
	return router.NewApiError(r.status, msg, errs)
}
