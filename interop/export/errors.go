package export

import (
	"net/http"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
)

// apiError is a PocketBase API error whose data names the parameter at fault with a
// language-independent code, its params and its message in the requester's language
// (the {code, message, params} item i18n.Middleware knows).
func apiError(e *core.RequestEvent, status int, param, code string, params map[string]any) error {
	msg := i18n.T(i18n.Lang(e), code, params)
	return apis.NewApiError(status, msg, map[string]error{param: i18n.NewError(code, params)})
}

// notFound is a 404 naming the parameter at fault.
func notFound(e *core.RequestEvent, param, code string, params map[string]any) error {
	return apiError(e, http.StatusNotFound, param, code, params)
}

// badRequest is a 400 naming the parameter at fault.
func badRequest(e *core.RequestEvent, param, code string, params map[string]any) error {
	return apiError(e, http.StatusBadRequest, param, code, params)
}

// i18nFailed says, in the requester's language, that an export could not be read.
func i18nFailed(e *core.RequestEvent) string { return i18n.T(i18n.Lang(e), "export_failed", nil) }
