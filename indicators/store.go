package indicators

// The counters' tables: _indicators (commune, month, indicator, value), _indicatorPeople
// (commune, month, user, n: how many counted records make user active that month) and
// _indicatorMeta (the Version the counters were built with). Rows at zero are removed, so the
// tables hold exactly the figures a recount from scratch gives.

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/prepared"
)

const (
	tableCells  = "_indicators"
	tablePeople = "_indicatorPeople"
	tableMeta   = "_indicatorMeta"
)

var createTables = []string{
	`CREATE TABLE IF NOT EXISTS ` + tableCells + ` (commune TEXT NOT NULL, month TEXT NOT NULL,
		indicator TEXT NOT NULL, value INTEGER NOT NULL, PRIMARY KEY (commune, month, indicator)) WITHOUT ROWID`,
	`CREATE TABLE IF NOT EXISTS ` + tablePeople + ` (commune TEXT NOT NULL, month TEXT NOT NULL,
		user TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (commune, month, user)) WITHOUT ROWID`,
	`CREATE TABLE IF NOT EXISTS ` + tableMeta + ` (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
}

// ensureTables creates the counters' tables when missing.
func ensureTables(app core.App) error {
	for _, q := range createTables {
		if _, err := app.DB().NewQuery(q).Execute(); err != nil {
			return err
		}
	}
	return nil
}

// apply moves the figures by next − prev, in app (the write's transaction).
func apply(app core.App, prev, next Contribution) error {
	delta := newContribution()
	delta.merge(next)
	delta.merge(negate(prev))
	for p, d := range delta.People {
		if err := movePerson(app, p, d, delta); err != nil {
			return err
		}
	}
	for c, d := range delta.Cells {
		if err := moveCell(app, c, d); err != nil {
			return err
		}
	}
	return nil
}

// negate returns −c.
func negate(c Contribution) Contribution {
	n := newContribution()
	for k, v := range c.Cells {
		n.Cells[k] = -v
	}
	for k, v := range c.People {
		n.People[k] = -v
	}
	return n
}

// moveCell adds d to a figure, removing it when it falls to zero (figures never go below zero,
// so only a decrease can bring one there). Both statements stay prepared for the transaction:
// an import runs them for each record it saves.
func moveCell(app core.App, c Cell, d int) error {
	if d == 0 {
		return nil
	}
	params := dbx.Params{"c": c.Commune, "m": c.Month, "i": c.Indicator, "d": d}
	_, err := prepared.Query(app, `INSERT INTO `+tableCells+` (commune, month, indicator, value)
		VALUES ({:c}, {:m}, {:i}, {:d}) ON CONFLICT (commune, month, indicator)
		DO UPDATE SET value = value + excluded.value`).Bind(params).Execute()
	if err != nil || d > 0 {
		return err
	}
	_, err = prepared.Query(app, `DELETE FROM `+tableCells+` WHERE commune = {:c}
		AND month = {:m} AND indicator = {:i} AND value = 0`).Bind(params).Execute()
	return err
}

// movePerson adds d to how many records make a person active, and counts them in (or out of)
// the contributors figure of delta when that number leaves (or reaches) zero.
func movePerson(app core.App, p Person, d int, delta Contribution) error {
	if d == 0 {
		return nil
	}
	params := dbx.Params{"c": p.Commune, "m": p.Month, "u": p.User, "d": d}
	var n int
	err := prepared.Query(app, `INSERT INTO `+tablePeople+` (commune, month, user, n)
		VALUES ({:c}, {:m}, {:u}, {:d}) ON CONFLICT (commune, month, user)
		DO UPDATE SET n = n + excluded.n RETURNING n`).Bind(params).Row(&n)
	if err != nil {
		return err
	}
	cell := Cell{p.Commune, p.Month, Contributors}
	switch {
	case n == d && n > 0: // was 0
		delta.Cells[cell]++
	case n <= 0:
		delta.Cells[cell]--
		_, err = prepared.Query(app, `DELETE FROM `+tablePeople+` WHERE commune = {:c}
			AND month = {:m} AND user = {:u}`).Bind(params).Execute()
	}
	return err
}

// version returns the Version the counters were built with, "" when never built.
func version(app core.App) string {
	var v string
	_ = app.DB().NewQuery(`SELECT value FROM ` + tableMeta + ` WHERE key = 'version'`).Row(&v)
	return v
}
