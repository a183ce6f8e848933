package mobilesync

import (
	"fmt"
	"strconv"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Tombstones (remove rows) are all a device needs to learn of deletions it missed, so they are
// kept for tombstoneRetention: a device offline longer gets a "pruned" reset and re-snapshots.
// The log has no clock, so once a day the head is written down under the date ("head@<day>"
// in _sync_meta), and tombstones up to the newest head written at least tombstoneRetention ago
// are pruned.
const (
	tombstoneRetention = 90 * 24 * time.Hour
	headMarkPrefix     = "head@"
	pruneJobID         = "mobilesyncPruneTombstones"
)

// bindPruning runs pruneDaily every night.
func bindPruning(app core.App) {
	app.Cron().MustAdd(pruneJobID, "17 3 * * *", func() {
		if err := pruneDaily(app, time.Now()); err != nil {
			app.Logger().Error("sync: prune tombstones", "error", err)
		}
	})
}

// pruneDaily writes down today's head, prunes the tombstones older than the retention and
// forgets the marks it no longer needs.
func pruneDaily(app core.App, now time.Time) error {
	head, err := headSeq(app)
	if err != nil {
		return err
	}
	if err := writeMeta(app.DB(), headMark(now), strconv.FormatInt(head, 10)); err != nil {
		return err
	}
	var marks []struct {
		Key   string `db:"key"`
		Value string `db:"value"`
	}
	err = app.DB().NewQuery("SELECT key, value FROM _sync_meta WHERE key LIKE 'head@%' AND key <= {:cut} ORDER BY key DESC LIMIT 1").
		Bind(dbx.Params{"cut": headMark(now.Add(-tombstoneRetention))}).All(&marks)
	if err != nil || len(marks) == 0 {
		return err
	}
	upTo, err := strconv.ParseInt(marks[0].Value, 10, 64)
	if err != nil {
		return fmt.Errorf("parse %s %q: %w", marks[0].Key, marks[0].Value, err)
	}
	if err := pruneTombstones(app, upTo); err != nil {
		return err
	}
	_, err = app.DB().NewQuery("DELETE FROM _sync_meta WHERE key LIKE 'head@%' AND key < {:k}").
		Bind(dbx.Params{"k": marks[0].Key}).Execute()
	return err
}

func headMark(t time.Time) string { return headMarkPrefix + t.UTC().Format("2006-01-02") }
