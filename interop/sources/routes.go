package sources

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// Routes of scheduled sources.
const (
	// PathCredits lists every source's name, licence and attribution, for anyone.
	PathCredits = "/api/maillage/sources"
	// PathRun runs a source now (superusers).
	PathRun = "/api/maillage/sources/{id}/run"
)

// Credit is what anyone may read of a source: enough to credit the records it imported, never
// its URL or mapping (which may carry access keys).
type Credit struct {
	Name        string `json:"name"`
	Licence     string `json:"licence"`
	Attribution string `json:"attribution"`
}

// CreditsResponse is the body of GET /api/maillage/sources.
type CreditsResponse struct {
	Sources []Credit `json:"sources"`
}

func bindRoutes(app core.App, r *Runner) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET(PathCredits, serveCredits)
		se.Router.POST(PathRun, r.serveRun).Bind(apis.RequireSuperuserAuth())
		return se.Next()
	})
}

// Credits lists every source, disabled ones too: the records they imported are still shown
// and still owe their attribution.
func Credits(app core.App) ([]Credit, error) {
	all, err := app.FindRecordsByFilter(s.Sources, "", s.FieldSourceName, 0, 0)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	out := make([]Credit, len(all))
	for i, src := range all {
		out[i] = Credit{
			Name:        src.GetString(s.FieldSourceName),
			Licence:     src.GetString(s.FieldSourceLicence),
			Attribution: src.GetString(s.FieldSourceAttribution),
		}
	}
	return out, nil
}

func serveCredits(e *core.RequestEvent) error {
	credits, err := Credits(e.App)
	if err != nil {
		return e.InternalServerError("", err)
	}
	e.Response.Header().Set("Cache-Control", "no-cache")
	return e.JSON(http.StatusOK, CreditsResponse{Sources: credits})
}

// serveRun runs a source at once and answers its importRuns row. The run goes on if the
// caller goes away, so that it is recorded all the same.
func (r *Runner) serveRun(e *core.RequestEvent) error {
	lang := i18n.Lang(e)
	run, err := r.Run(context.WithoutCancel(e.Request.Context()), e.Request.PathValue("id"))
	switch {
	case errors.Is(err, ErrRunning):
		return e.Error(http.StatusConflict, i18n.T(lang, "source_running", nil), nil)
	case errors.Is(err, sql.ErrNoRows):
		return e.NotFoundError(i18n.T(lang, "source_not_found", nil), err)
	case err != nil:
		return e.InternalServerError("", err)
	}
	return e.JSON(http.StatusOK, run)
}
