package indicators

// The public routes: GET /api/maillage/indicators (JSON, or CSV with format=csv) and
// /api/maillage/indicators.csv, with commune, from and to (YYYY-MM) as parameters.

import (
	"encoding/csv"
	"net/http"
	"regexp"
	"strconv"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// Paths of the indicators' routes.
const (
	PathIndicators = "/api/maillage/indicators"
	PathCSV        = "/api/maillage/indicators.csv"
)

// MaxMonths bounds the months of one request; DefaultMonths is the range without from.
const (
	MaxMonths     = 240
	DefaultMonths = 12
)

var monthPattern = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])$`)

func bindRoutes(se *core.ServeEvent) {
	se.Router.GET(PathIndicators, func(e *core.RequestEvent) error {
		switch e.Request.URL.Query().Get("format") {
		case "", "json":
			return serve(e, false)
		case "csv":
			return serve(e, true)
		}
		return refuse(e, "format", "indicators_format_unknown", nil)
	})
	se.Router.GET(PathCSV, func(e *core.RequestEvent) error { return serve(e, true) })
}

// serve answers the requested figures as JSON, or as CSV.
func serve(e *core.RequestEvent, asCSV bool) error {
	commune, from, to, err := parameters(e)
	if err != nil {
		return err
	}
	a, err := Query(e.App, commune, from, to)
	if err != nil {
		return err
	}
	if asCSV {
		return writeCSV(e, a)
	}
	return e.JSON(http.StatusOK, a)
}

// parameters reads commune, from and to, defaulting to the last DefaultMonths months.
func parameters(e *core.RequestEvent) (commune, from, to string, err error) {
	q := e.Request.URL.Query()
	commune, from, to = q.Get("commune"), q.Get("from"), q.Get("to")
	if to == "" {
		to = time.Now().In(Zone).Format("2006-01")
	}
	if from == "" && monthPattern.MatchString(to) {
		t, _ := time.Parse("2006-01", to)
		from = t.AddDate(0, 1-DefaultMonths, 0).Format("2006-01")
	}
	for name, v := range map[string]string{"from": from, "to": to} {
		if !monthPattern.MatchString(v) {
			return "", "", "", refuse(e, name, "indicators_month_invalid", map[string]any{"param": name})
		}
	}
	return commune, from, to, checkRange(e, commune, from, to)
}

// checkRange refuses a reversed or too long range and an unknown commune.
func checkRange(e *core.RequestEvent, commune, from, to string) error {
	if from > to {
		return refuse(e, "from", "indicators_range_reversed", nil)
	}
	if len(months(from, to)) > MaxMonths {
		return refuse(e, "from", "indicators_range_too_long", map[string]any{"max": MaxMonths})
	}
	if commune != "" {
		if _, err := e.App.FindRecordById(s.Communes, commune); err != nil {
			return refuse(e, "commune", "indicators_commune_unknown", nil)
		}
	}
	return nil
}

// refuse is a 400 naming the parameter, in the requester's language.
func refuse(e *core.RequestEvent, param, code string, params map[string]any) error {
	return apis.NewBadRequestError(i18n.T(i18n.Lang(e), code, params),
		validation.Errors{param: i18n.NewError(code, params)})
}

// writeCSV writes one row per month: month, then every indicator in answer order.
func writeCSV(e *core.RequestEvent, a Answer) error {
	h := e.Response.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="indicators-`+a.From+`-`+a.To+`.csv"`)
	w := csv.NewWriter(e.Response)
	_ = w.Write(append([]string{"month"}, a.Indicators...))
	for _, m := range a.Months {
		row := []string{m.Month}
		for _, name := range a.Indicators {
			row = append(row, strconv.FormatFloat(m.Values[name], 'f', -1, 64))
		}
		_ = w.Write(row)
	}
	w.Flush()
	return w.Error()
}
