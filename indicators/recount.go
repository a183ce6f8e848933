package indicators

// Recount rebuilds the counters from scratch from every watched record; Snapshot reads them
// back, so that tests can compare the incremental figures with a recount.

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// Recount empties the counters and counts every watched record again, in one transaction.
func Recount(app core.App) error {
	if err := ensureTables(app); err != nil {
		return err
	}
	return app.RunInTransaction(func(tx core.App) error {
		for _, table := range []string{tableCells, tablePeople, tableMeta} {
			if _, err := tx.DB().NewQuery(`DELETE FROM ` + table).Execute(); err != nil {
				return err
			}
		}
		total, err := countAll(tx)
		if err != nil {
			return err
		}
		if err := apply(tx, newContribution(), total); err != nil {
			return err
		}
		_, err = tx.DB().NewQuery(`INSERT INTO ` + tableMeta + ` (key, value) VALUES ('version', {:v})`).
			Bind(dbx.Params{"v": Version}).Execute()
		return err
	})
}

// countAll adds up the contribution of every watched record.
func countAll(app core.App) (Contribution, error) {
	total := newContribution()
	for _, name := range watched {
		if name == s.VoteRoll || name == s.Bookings {
			continue // counted through their proposal or offer, whose contribution holds them
		}
		if _, err := app.FindCachedCollectionByNameOrId(name); err != nil {
			continue // not migrated yet
		}
		records, err := app.FindAllRecords(name)
		if err != nil {
			return total, err
		}
		for _, r := range records {
			total.merge(contributionOf(app, r))
		}
	}
	return total, nil
}

// recountIfStale recounts when the counters were built by another Version, or never.
func recountIfStale(app core.App) error {
	if err := ensureTables(app); err != nil {
		return err
	}
	if version(app) == Version {
		return nil
	}
	return Recount(app)
}

// Snapshot returns the counters as stored: the figures and the active people's counts.
func Snapshot(app core.App) (Contribution, error) {
	c := newContribution()
	var cells []struct {
		Commune, Month, Indicator string
		Value                     int
	}
	if err := app.DB().NewQuery(`SELECT commune, month, indicator, value FROM ` + tableCells).All(&cells); err != nil {
		return c, err
	}
	for _, r := range cells {
		c.Cells[Cell{r.Commune, r.Month, r.Indicator}] = r.Value
	}
	var people []struct {
		Commune, Month, User string
		N                    int
	}
	if err := app.DB().NewQuery(`SELECT commune, month, user, n FROM ` + tablePeople).All(&people); err != nil {
		return c, err
	}
	for _, r := range people {
		c.People[Person{r.Commune, r.Month, r.User}] = r.N
	}
	return c, nil
}
