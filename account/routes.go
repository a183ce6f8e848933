package account

import (
	"errors"
	"io"
	"net/http"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// bindRoutes serves the export and the deletion to signed-in people, each for themself.
func bindRoutes(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET(PathExport, serveExport).Bind(apis.RequireAuth(s.Users))
		se.Router.DELETE(PathMe, serveDelete).Bind(apis.RequireAuth(s.Users))
		se.Router.POST(PathDelete, serveDelete).Bind(apis.RequireAuth(s.Users))
		return se.Next()
	})
}

// serveExport streams the person's zip. Once the first bytes are sent a failure can only cut
// the zip short (its central directory missing, no unzip tool accepts it), and is logged.
func serveExport(e *core.RequestEvent) error {
	h := e.Response.Header()
	h.Set("Content-Type", "application/zip")
	h.Set("Content-Disposition", `attachment; filename="maillage-`+e.Auth.Id+`.zip"`)
	h.Set("Cache-Control", "no-store")
	w := &countingWriter{w: e.Response}
	err := Export(e.App, e.Auth, i18n.Lang(e), w)
	if err == nil {
		return nil
	}
	if w.n == 0 {
		h.Del("Content-Disposition")
		return e.InternalServerError(i18n.Tr(e, "account_export_failed", nil), err)
	}
	e.App.Logger().Error("account: export cut short", "user", e.Auth.Id, "error", err)
	return nil
}

// deleteRequest is the body (or the query) of a deletion.
type deleteRequest struct {
	Contributions string `json:"contributions" form:"contributions"`
}

// serveDelete deletes the signed-in person's account and answers what it did.
func serveDelete(e *core.RequestEvent) error {
	req := deleteRequest{Contributions: e.Request.URL.Query().Get("contributions")}
	if req.Contributions == "" && e.Request.ContentLength != 0 {
		if err := e.BindBody(&req); err != nil && !errors.Is(err, io.EOF) {
			return e.BadRequestError(i18n.Tr(e, "account_contributions_choice", nil), err)
		}
	}
	sum, err := Delete(e.App, e.Auth.Id, req.Contributions)
	if errors.Is(err, ErrContributionsChoice) {
		return e.BadRequestError(i18n.Tr(e, "account_contributions_choice", nil), map[string]any{
			"contributions": i18n.NewError("account_contributions_choice", nil)})
	}
	if err != nil {
		return e.InternalServerError(i18n.Tr(e, "account_delete_failed", nil), err)
	}
	e.App.Logger().Info("account: deleted", "user", e.Auth.Id, "contributions", req.Contributions)
	return e.JSON(http.StatusOK, sum)
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
