package i18n

import (
	"errors"

	validation "github.com/pocketbase/ozzo-validation/v4"
)

// Error is a field error raised where the request, and so its language, is unknown (a model
// hook): its code is a catalogue key and its params fill the message. It reads in French;
// the HTTP edge (Middleware) and the sync push write it again in the requester's language from
// its code and params, which PocketBase puts in the API error's data.
//
//	return validation.Errors{"geo": i18n.NewError("outside_territory", params)}
//
// Unlike ozzo-validation's errors, whose text is a Go template once params are set, its text
// is never parsed, so params may hold anything a user typed (a file name with "{{"). It is a
// validation.Error, so code that reads ozzo-validation's errors reads it too.
type Error struct {
	key    string
	params map[string]any
}

// NewError returns the error of message key with its params.
func NewError(key string, params map[string]any) *Error {
	return &Error{key: key, params: params}
}

// Code returns the error code, the message key.
func (e *Error) Code() string { return e.key }

// Params returns the values the message names.
func (e *Error) Params() map[string]any { return e.params }

// Error returns the message in French, the default language.
func (e *Error) Error() string { return e.In(FR) }

// In returns the message in lang.
func (e *Error) In(lang string) string {
	if text, ok := Message(lang, e.key, e.params); ok {
		return text
	}
	return T(lang, e.key, e.params)
}

// Message returns the message in French, as Error does.
func (e *Error) Message() string { return e.Error() }

// SetParams returns the error of the same key with other params.
func (e *Error) SetParams(params map[string]any) validation.Error { return NewError(e.key, params) }

// SetMessage returns an ozzo-validation error of the same code and params with a fixed text.
func (e *Error) SetMessage(msg string) validation.Error {
	return validation.NewError(e.key, msg).SetParams(e.params)
}

var _ validation.Error = (*Error)(nil)

// Message writes the message of an error item (its code and params, as an API error's data
// carries them) in lang; ok is false for a code the catalogue does not know. A code whose
// params name a "reason" with its own message ("invalid_photo" with reason "too_large")
// takes that message, the key "invalid_photo.too_large".
func Message(lang, code string, params map[string]any) (text string, ok bool) {
	if reason, isText := params["reason"].(string); isText && Has(code+"."+reason) {
		code += "." + reason
	}
	if !Has(code) {
		return "", false
	}
	return T(lang, code, params), true
}

// Localize writes err in lang when it carries a known code (Code) and its params (Params), as
// *Error and ozzo-validation's errors do; any other error keeps its own text.
func Localize(lang string, err error) string {
	var coded interface{ Code() string }
	if !errors.As(err, &coded) {
		return err.Error()
	}
	var params map[string]any
	if p, ok := coded.(interface{ Params() map[string]any }); ok {
		params = p.Params()
	}
	if text, ok := Message(lang, coded.Code(), params); ok {
		return text
	}
	return err.Error()
}
