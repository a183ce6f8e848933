package export

import (
	"net/http"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"golang.org/x/text/language"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// langs matches a request's Accept-Language to the languages Maillage writes in, French first.
var langs = language.NewMatcher([]language.Tag{language.French, language.English})

// requestLang is the language of an answer to e: the signed-in user's locale, else the
// request's Accept-Language, else French.
func requestLang(e *core.RequestEvent) string {
	if e.Auth != nil {
		if l := e.Auth.GetString(s.FieldLocale); l == i18n.EN || l == i18n.FR {
			return l
		}
	}
	tag, _ := language.MatchStrings(langs, e.Request.Header.Get("Accept-Language"))
	if base, _ := tag.Base(); base.String() == i18n.EN {
		return i18n.EN
	}
	return i18n.FR
}

// apiError is a PocketBase API error whose data names the parameter at fault with a
// language-independent code and its message in the requester's language.
func apiError(e *core.RequestEvent, status int, param, code string, params map[string]any) error {
	msg := i18n.T(requestLang(e), code, params)
	return apis.NewApiError(status, msg, map[string]any{
		param: map[string]any{"code": code, "message": msg},
	})
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
func i18nFailed(e *core.RequestEvent) string { return i18n.T(requestLang(e), "export_failed", nil) }
