package mobilesync

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"github.com/maillage/maillage/i18n"
)

// authCheckID identifies the middleware that refuses to serve a sync request as anonymous when
// it carries a token PocketBase could not load.
const authCheckID = "maillageSyncAuthCheck"

// bindAuthCheck makes every /api/sync/ request that sends a token either signed in or refused.
// PocketBase serves a request whose token fails to load as a guest; for sync that would answer
// a device with a scope reset and an anonymous snapshot whenever the database is slow to
// answer the token's lookup (an overloaded server), dropping its private and community rows.
func bindAuthCheck(se *core.ServeEvent) {
	se.Router.Bind(&hook.Handler[*core.RequestEvent]{
		Id:       authCheckID,
		Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 1,
		Func:     checkAuth,
	})
}

// checkAuth loads the token again when PocketBase could not: an invalid or expired token is
// answered 401, a lookup that failed on a busy database 503 with Retry-After.
func checkAuth(e *core.RequestEvent) error {
	token := e.Request.Header.Get("Authorization")
	if e.Auth != nil || token == "" || !strings.HasPrefix(e.Request.URL.Path, "/api/sync/") {
		return e.Next()
	}
	token = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(token, "Bearer "), "bearer "))
	rec, err := e.App.FindAuthRecordByToken(token, core.TokenTypeAuth)
	switch {
	case err == nil && rec != nil:
		e.Auth = rec
		return e.Next()
	case err != nil && (errors.Is(err, context.DeadlineExceeded) || isTransient(err)):
		e.Response.Header().Set("Retry-After", strconv.Itoa(retryAfter))
		return e.Error(http.StatusServiceUnavailable, i18n.Tr(e, "sync_auth_busy", nil), err)
	}
	return e.UnauthorizedError(i18n.Tr(e, "sync_auth_invalid", nil), err)
}
