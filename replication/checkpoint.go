package replication

import (
	"github.com/pocketbase/pocketbase/core"
)

// pbNightlyJob is PocketBase's nightly job: wal_checkpoint(TRUNCATE) of data.db and of
// auxiliary.db, then PRAGMA optimize.
const pbNightlyJob = "__pbDBOptimize__"

// metaDir is Litestream's working directory beside data.db (its position and the transactions
// not yet shipped), named as litestream.NewDB names it.
const metaDir = ".data.db-litestream"

// leaveCheckpointsToLitestream replaces PocketBase's nightly job with one that does not
// checkpoint data.db. Litestream holds a read transaction on data.db and checkpoints it
// itself; a TRUNCATE checkpoint from elsewhere would wait on that reader with the write lock
// held (up to the busy timeout), then fail, every night. auxiliary.db is not replicated: its
// checkpoint stays.
func leaveCheckpointsToLitestream(app core.App) {
	app.Cron().Remove(pbNightlyJob)
	_ = app.Cron().Add(pbNightlyJob, "0 0 * * *", func() {
		if _, err := app.AuxNonconcurrentDB().NewQuery("PRAGMA wal_checkpoint(TRUNCATE)").Execute(); err != nil {
			app.Logger().Warn("Failed to run periodic PRAGMA wal_checkpoint for the auxiliary DB", "error", err)
		}
		if _, err := app.NonconcurrentDB().NewQuery("PRAGMA optimize").Execute(); err != nil {
			app.Logger().Warn("Failed to run periodic PRAGMA optimize", "error", err)
		}
	})
}

// keepOutOfBackups leaves Litestream's working directory out of PocketBase's backups and
// restores: it describes the replica of the live database, not data. A backup restored while
// replicating keeps the live directory; Litestream then finds the database changed under it
// and ships a fresh snapshot of the restored database.
func keepOutOfBackups(app core.App) {
	exclude := func(e *core.BackupEvent) error {
		e.Exclude = append(e.Exclude, metaDir)
		return e.Next()
	}
	app.OnBackupCreate().BindFunc(exclude)
	app.OnBackupRestore().BindFunc(exclude)
}
