package proposals

import (
	"errors"
	"net/http"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"

	"github.com/maillage/maillage/i18n"
)

// refusal is a ballot or results request refused for a reason people read: code is an i18n
// key, field the part of the request at fault.
type refusal struct {
	status      int
	code, field string
}

func (r *refusal) Error() string { return i18n.T(i18n.FR, r.code, nil) }

// apiError writes the refusal as PocketBase writes API errors, in lang.
func (r *refusal) apiError(lang string) *router.ApiError {
	return router.NewApiError(r.status, i18n.T(lang, r.code, nil), validation.Errors{r.field: i18n.NewError(r.code, nil)})
}

// The refusals of the routes.
var (
	errSignIn         = &refusal{http.StatusUnauthorized, "proposal_sign_in", "auth"}
	errNotFound       = &refusal{http.StatusNotFound, "proposal_not_found", "proposal"}
	errNotVoting      = &refusal{http.StatusConflict, "proposal_not_voting", "phase"}
	errChoicesInvalid = &refusal{http.StatusBadRequest, "ballot_choices_invalid", "choices"}
	errNoCollege      = &refusal{http.StatusConflict, "ballot_college_missing", "college"}
	errReceiptNeeded  = &refusal{http.StatusConflict, "ballot_receipt_needed", "receipt"}
	errReceiptInvalid = &refusal{http.StatusForbidden, "ballot_receipt_invalid", "receipt"}
	errResultsNotYet  = &refusal{http.StatusForbidden, "proposal_results_not_yet", "phase"}
	errBodyInvalid    = &refusal{http.StatusBadRequest, "ballot_body_invalid", "body"}
)

// answer writes a refusal in the requester's language; other errors pass.
func answer(e *core.RequestEvent, err error) error {
	var r *refusal
	if errors.As(err, &r) {
		return r.apiError(i18n.Lang(e))
	}
	return err
}
