package indicators

// Reading the figures: one indexed range of the counters' table, never the records.

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Month is the figures of one month, by indicator name (Names and ImportedShare).
type Month struct {
	Month  string             `json:"month"`
	Values map[string]float64 `json:"values"`
}

// Answer is the indicators of a commune ("" the whole territory) over a range of months.
type Answer struct {
	Commune    string   `json:"commune"`
	From       string   `json:"from"`
	To         string   `json:"to"`
	Indicators []string `json:"indicators"`
	Months     []Month  `json:"months"`
}

// Query returns the figures of commune for every month from..to (YYYY-MM, inclusive).
func Query(app core.App, commune, from, to string) (Answer, error) {
	a := Answer{Commune: commune, From: from, To: to, Indicators: append(append([]string{}, Names...), ImportedShare)}
	var rows []struct {
		Month, Indicator string
		Value            int
	}
	err := app.DB().NewQuery(`SELECT month, indicator, value FROM ` + tableCells +
		` WHERE commune = {:c} AND month >= {:f} AND month <= {:t}`).
		Bind(dbx.Params{"c": commune, "f": from, "t": to}).All(&rows)
	if err != nil {
		return a, err
	}
	byMonth := map[string]map[string]float64{}
	for _, m := range months(from, to) {
		byMonth[m] = zeros()
		a.Months = append(a.Months, Month{Month: m, Values: byMonth[m]})
	}
	for _, r := range rows {
		byMonth[r.Month][r.Indicator] = float64(r.Value)
	}
	for _, m := range a.Months {
		m.Values[ImportedShare] = share(m.Values[Imported], m.Values[Contributed])
	}
	return a, nil
}

// zeros returns every indicator at zero.
func zeros() map[string]float64 {
	v := make(map[string]float64, len(Names)+1)
	for _, n := range Names {
		v[n] = 0
	}
	return v
}

// share is imported / (imported + contributed), rounded to the thousandth; 0 when both are.
func share(imported, contributed float64) float64 {
	if imported+contributed == 0 {
		return 0
	}
	return float64(int(imported/(imported+contributed)*1000+0.5)) / 1000
}

// months lists the months from..to, both YYYY-MM and valid, from ≤ to.
func months(from, to string) []string {
	f, _ := time.Parse("2006-01", from)
	t, _ := time.Parse("2006-01", to)
	var out []string
	for m := f; !m.After(t); m = m.AddDate(0, 1, 0) {
		out = append(out, m.Format("2006-01"))
	}
	return out
}
