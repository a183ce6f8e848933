package i18n

import (
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// Lang is the language to answer e in: the signed-in user's locale, else the request's
// Accept-Language, else French.
func Lang(e *core.RequestEvent) string {
	return Negotiate(UserLocale(e.Auth), e.Request.Header.Get("Accept-Language"))
}

// UserLocale returns the locale a signed-in user chose in their profile, "" for nobody (nil)
// or a superuser.
func UserLocale(auth *core.Record) string {
	if auth == nil {
		return ""
	}
	return auth.GetString(s.FieldLocale)
}

// Tr writes message key in the language of request e (Lang).
func Tr(e *core.RequestEvent, key string, params map[string]any) string {
	return T(Lang(e), key, params)
}
