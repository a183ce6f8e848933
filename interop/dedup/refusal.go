package dedup

import (
	"net/http"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/tools/router"

	"github.com/maillage/maillage/i18n"
)

// Refusal is a merge, dismissal or redirect that is refused for a reason people read: Code is
// an i18n message key (the same in every language), Params fill it, Field names the part of
// the request at fault ("keep", "fields.description"; "pair" when it is the pair itself).
type Refusal struct {
	Status int
	Code   string
	Field  string
	Params map[string]any
	// Details are the field errors of a merged record that would be invalid.
	Details validation.Errors
}

// Error returns the refusal's message in French.
func (r *Refusal) Error() string { return i18n.T(i18n.FR, r.Code, r.Params) }

// APIError writes the refusal as PocketBase writes API errors, its message in lang and its
// code as the data item of its field (the i18n middleware localises the item too).
func (r *Refusal) APIError(lang string) *router.ApiError {
	data := validation.Errors{r.Field: i18n.NewError(r.Code, r.Params)}
	for k, v := range r.Details {
		data[k] = v
	}
	return router.NewApiError(r.Status, i18n.T(lang, r.Code, r.Params), data)
}

func refuse(status int, code, field string, params map[string]any) *Refusal {
	return &Refusal{Status: status, Code: code, Field: field, Params: params}
}

// The refusals every route shares.
var (
	errSignIn         = refuse(http.StatusUnauthorized, "dedup_sign_in", "auth", nil)
	errModeratorsOnly = refuse(http.StatusForbidden, "dedup_moderators_only", "auth", nil)
	errPairNotFound   = refuse(http.StatusNotFound, "dedup_pair_not_found", "pair", nil)
	errRecordGone     = refuse(http.StatusConflict, "dedup_record_gone", "pair", nil)
	errRecordHidden   = refuse(http.StatusForbidden, "dedup_record_hidden", "pair", nil)
	errNoRedirect     = refuse(http.StatusNotFound, "dedup_no_redirect", "id", nil)
	errBodyInvalid    = refuse(http.StatusBadRequest, "dedup_body_invalid", "body", nil)
)
