package demo

import (
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/demo/dataset"
	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// CreditsPath is the route that returns the attribution of the data in the database.
const CreditsPath = "/api/maillage/credits"

// CreditsResponse is the body of GET /api/maillage/credits.
type CreditsResponse struct {
	Credits []dataset.Credit `json:"credits"`
}

func bindCredits(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET(CreditsPath, func(e *core.RequestEvent) error {
			credits, err := Credits(e.App)
			if err != nil {
				return e.InternalServerError(i18n.Tr(e, "credits_failed", nil), err)
			}
			return e.JSON(http.StatusOK, CreditsResponse{Credits: credits})
		})
		return se.Next()
	})
}

// Credits returns the attribution of the data in app's database: the demo's sources when demo
// records are present, an empty list otherwise.
func Credits(app core.App) ([]dataset.Credit, error) {
	d, err := Data()
	if err != nil {
		return nil, err
	}
	present, err := anyFromSources(app, sources(d))
	if err != nil || !present {
		return []dataset.Credit{}, err
	}
	return d.Credits, nil
}

// sources lists the source values of the dataset's records.
func sources(d *dataset.Dataset) []string {
	set := map[string]bool{}
	for _, in := range d.Initiatives {
		set[in.Source] = true
	}
	for _, o := range d.Organisations {
		set[o.Source] = true
	}
	out := make([]string, 0, len(set))
	for src := range set {
		out = append(out, src)
	}
	sort.Strings(out)
	return out
}

// anyFromSources reports whether an organisation or initiative comes from one of srcs.
func anyFromSources(app core.App, srcs []string) (bool, error) {
	terms := make([]string, len(srcs))
	params := map[string]any{}
	for i, src := range srcs {
		key := fmt.Sprintf("s%d", i)
		terms[i], params[key] = s.FieldSource+" = {:"+key+"}", src
	}
	for _, col := range []string{s.Initiatives, s.Organisations} {
		_, err := app.FindFirstRecordByFilter(col, strings.Join(terms, " || "), params)
		if err == nil {
			return true, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return false, fmt.Errorf("find %s records: %w", col, err)
		}
	}
	return false, nil
}
