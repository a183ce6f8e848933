package hardening

import (
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"
)

// TooLargeID is the id of the middleware that answers 413 for bodies over a route's limit.
const TooLargeID = "maillageTooLarge"

// MessageTooLarge is PocketBase's message for a refused body (as its errors write it, with a
// final full stop), which the i18n catalogue translates (key pb_too_large).
const MessageTooLarge = "Request entity too large."

// bindTooLarge makes every route answer 413 when a body outgrows its limit while the handler
// reads it: PocketBase refuses at once a body whose announced length is too long, but one
// sent without a length (chunked) only fails on reading, and handlers then answer 400 "could
// not read". Handlers that answer 413 themselves (sync push, photos) keep their message.
func bindTooLarge(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id: TooLargeID,
			Func: func(e *core.RequestEvent) error {
				err := e.Next()
				if err != nil && readTooMuch(err) {
					return router.NewApiError(http.StatusRequestEntityTooLarge, MessageTooLarge, err)
				}
				return err
			},
		})
		return se.Next()
	})
}

// readTooMuch reports whether err, or the cause an API error carries, is a body read past
// its limit (and not already a 413).
func readTooMuch(err error) bool {
	var apiErr *router.ApiError
	if errors.As(err, &apiErr) {
		if apiErr.Status == http.StatusRequestEntityTooLarge {
			return false
		}
		cause, ok := apiErr.RawData().(error)
		return ok && overLimit(cause)
	}
	return overLimit(err)
}

// overLimit reports whether err comes from a body reader past its limit: PocketBase's
// (BodyLimit) or the standard library's (http.MaxBytesReader).
func overLimit(err error) bool {
	var tooBig *http.MaxBytesError
	return errors.Is(err, apis.ErrRequestEntityTooLarge) || errors.As(err, &tooBig)
}
