package i18n

import "errors"

// Error is a field error raised where the request, and so its language, is unknown (a model
// hook): its code is a catalogue key and its params fill the message. It reads in French;
// the HTTP edge (Middleware) and the sync push write it again in the requester's language from
// its code and params, which PocketBase puts in the API error's data.
//
//	return validation.Errors{"geo": i18n.NewError("outside_territory", params)}
//
// Unlike ozzo-validation's errors, whose text is a Go template once params are set, its text
// is never parsed, so params may hold anything a user typed (a file name with "{{").
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
func (e *Error) Error() string { return T(FR, e.key, e.params) }

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
