package i18n

import (
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"
)

// MiddlewareID identifies the router middleware that writes API errors in the requester's
// language.
const MiddlewareID = "maillageLocalizeErrors"

// Middleware returns the router middleware that writes every API error a handler or an inner
// middleware returns in the requester's language (Lang): each {code, message, params} item of
// the error's data whose code the catalogue knows, nested data too (a batch's errors under
// requests.N), and the top-level message when it is one of PocketBase's usual ones. It runs
// just inside PocketBase's activity logger and panic recovery, around everything else; it
// only looks at returned errors, so successful answers, realtime streams, files and static
// pages pass through untouched.
func Middleware() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id:       MiddlewareID,
		Priority: apis.DefaultPanicRecoverMiddlewarePriority + 1,
		Func:     localizeErrors,
	}
}

func localizeErrors(e *core.RequestEvent) error {
	err := e.Next()
	if err == nil {
		return nil
	}
	// ToApiError is what PocketBase's error handler applies next anyway.
	return LocalizeAPIError(Lang(e), router.ToApiError(err))
}

// LocalizeAPIError returns a copy of apiErr written in lang (see Middleware); apiErr itself is
// left unchanged, as it may be shared.
func LocalizeAPIError(lang string, apiErr *router.ApiError) *router.ApiError {
	out := *apiErr // keeps the raw data (the wrapped cause) for the activity log
	if key, ok := pocketBaseMessages[apiErr.Message]; ok {
		out.Message = T(lang, key, nil)
	}
	out.Data = localizeMap(lang, apiErr.Data)
	return &out
}

// localizeMap copies an error data map, rewriting its message when it is a known item.
func localizeMap(lang string, m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = localizeValue(lang, v)
	}
	code, isItem := m["code"].(string)
	if _, hasMessage := m["message"]; isItem && hasMessage {
		params, _ := m["params"].(map[string]any)
		if text, ok := Message(lang, code, params); ok {
			out["message"] = text
		}
	}
	return out
}

// localizeValue localises the nested parts of error data: maps and API errors (a batch
// request's response).
func localizeValue(lang string, v any) any {
	switch d := v.(type) {
	case map[string]any:
		return localizeMap(lang, d)
	case *router.ApiError:
		if d != nil {
			return LocalizeAPIError(lang, d)
		}
	}
	return v
}

// pocketBaseMessages maps the top-level messages PocketBase's own routes write most (record
// writes, sign-in, generic statuses) to their catalogue keys.
var pocketBaseMessages = map[string]string{
	"Failed to create record.": "pb_create_failed",
	"Failed to update record.": "pb_update_failed",
	"Failed to delete record. Make sure that the record is not part of a required relation reference.": "pb_delete_failed",
	"Failed to authenticate.":                                "pb_auth_failed",
	"An error occurred while validating the submitted data.": "pb_invalid_data",
	"Failed to read the submitted data.":                     "pb_unreadable_data",
	"Something went wrong while processing your request.":    "pb_bad_request",
	"The requested resource wasn't found.":                   "pb_not_found",
	"Missing or invalid authentication.":                     "pb_unauthorized",
	"The request requires valid record authorization token.": "pb_unauthorized",
	"You are not allowed to perform this request.":           "pb_forbidden",
	"Only superusers can perform this action.":               "pb_superusers_only",
	"Too Many Requests.":                                     "pb_too_many_requests",
	"Request entity too large.":                              "pb_too_large",
	"Batch transaction failed.":                              "pb_batch_failed",
}
