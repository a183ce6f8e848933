package account

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/pocketbase/pocketbase/core"

	mobilesync "github.com/maillage/maillage/mobile_sync"
	s "github.com/maillage/maillage/schema"
)

// ErrContributionsChoice means the deletion did not say what becomes of the person's public
// contributions (s.ContributionsDelete or s.ContributionsAnonymise).
var ErrContributionsChoice = errors.New("contributions: choose delete or anonymise")

// Summary counts what an account's deletion did, per kind of change.
type Summary struct {
	Deleted    int `json:"deleted"`
	Anonymised int `json:"anonymised"`
	Left       int `json:"left"`
	HandedOver int `json:"handedOver"`
}

// deletePageSize bounds the records held in memory while deleting.
const deletePageSize = 200

// Delete deletes userID's account in one transaction: every record that names them is
// deleted, anonymised, left or handed over (decide), their devices' sync bookkeeping is
// forgotten, and their user record goes. Files of deleted records leave the storage after the
// commit (PocketBase deletes them in the background once the transaction succeeded, within
// milliseconds). contributions says what becomes of their public contributions.
func Delete(app core.App, userID, contributions string) (Summary, error) {
	return deleteWith(app, userID, contributions, plan{})
}

// plan can break a deletion on purpose, for the tests' negative controls: skip leaves one
// collection's records alone (PocketBase's own cascade then does what it does), keepDevices
// leaves the devices' sync bookkeeping.
type plan struct {
	skip        string
	keepDevices bool
}

// deleteWith is Delete following p.
func deleteWith(app core.App, userID, contributions string, p plan) (Summary, error) {
	var sum Summary
	if contributions != s.ContributionsDelete && contributions != s.ContributionsAnonymise {
		return sum, ErrContributionsChoice
	}
	var touched []string
	err := app.RunInTransaction(func(tx core.App) error {
		sum = Summary{}
		user, err := tx.FindRecordById(s.Users, userID)
		if err != nil {
			return fmt.Errorf("find user %s: %w", userID, err)
		}
		ls, err := links(tx)
		if err != nil {
			return err
		}
		for _, l := range ls {
			if l.collection.Name == p.skip {
				continue
			}
			if err := forget(tx, l, userID, contributions, &sum); err != nil {
				return err
			}
			touched = append(touched, l.collection.Name)
		}
		if !p.keepDevices {
			if err := mobilesync.ForgetUser(tx, userID); err != nil {
				return err
			}
		}
		return tx.Delete(user)
	})
	if err != nil {
		return Summary{}, err
	}
	refreshStats(app, append(slices.Compact(touched), s.Users))
	return sum, nil
}

// forget applies the policy to every record of link l that names userID, page by page.
func forget(tx core.App, l link, userID, contributions string, sum *Summary) error {
	for after := ""; ; {
		recs, err := l.page(tx, userID, after, deletePageSize)
		if err != nil {
			return err
		}
		for _, rec := range recs {
			if err := forgetOne(tx, l, rec.Id, userID, contributions, sum); err != nil {
				return fmt.Errorf("%s %s: %w", l.name(), rec.Id, err)
			}
		}
		if len(recs) < deletePageSize {
			return nil
		}
		after = recs[len(recs)-1].Id
	}
}

// forgetOne applies the policy to one record, read again: an earlier change of this
// deletion may have deleted it (a reply goes with its comment) or changed it.
func forgetOne(tx core.App, l link, id, userID, contributions string, sum *Summary) error {
	rec, err := tx.FindRecordById(l.collection, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	switch decide(l, rec, contributions) {
	case actLeave:
		return leave(tx, l, rec, userID, sum)
	case actHandOver:
		sum.HandedOver++
		return handOvers[l.name()](tx, rec, userID)
	case actClear:
		return clear(tx, l, rec, sum)
	default:
		sum.Deleted++
		return tx.Delete(rec)
	}
}

// leave takes userID out of the list of people l; the record goes with the last of them when
// the list is one of dropWhenEmpty.
func leave(tx core.App, l link, rec *core.Record, userID string, sum *Summary) error {
	rest := slices.DeleteFunc(rec.GetStringSlice(l.field.Name), func(id string) bool { return id == userID })
	if len(rest) == 0 && dropWhenEmpty[l.name()] {
		sum.Deleted++
		return tx.Delete(rec)
	}
	sum.Left++
	rec.Set(l.field.Name, rest)
	return tx.SaveNoValidate(rec)
}

// clear empties the field l of rec. The save skips validation, as PocketBase's own cascade
// does: taking a person out must not depend on the record's other fields still passing rules
// added since it was written (the model hooks of updates still run: comments follow their
// target, the sync logs the change).
func clear(tx core.App, l link, rec *core.Record, sum *Summary) error {
	if adjust := beforeClear[l.name()]; adjust != nil {
		adjust(rec)
	}
	if isOwnerField(l) {
		sum.Anonymised++
	} else {
		sum.Left++
	}
	rec.Set(l.field.Name, "")
	return tx.SaveNoValidate(rec)
}

// refreshStats analyses again the tables the deletion changed: SQLite's planner statistics
// (sqlite_stat4) keep sample index keys, which could otherwise keep the person's e-mail.
// Best effort, after the commit.
func refreshStats(app core.App, tables []string) {
	for _, t := range tables {
		if _, err := app.DB().NewQuery("ANALYZE {{" + t + "}}").Execute(); err != nil {
			app.Logger().Warn("account: analyse after an account deletion", "table", t, "error", err)
		}
	}
}
