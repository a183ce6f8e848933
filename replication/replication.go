// Package replication runs Litestream (v0.5, as a Go module) inside the maillage binary: while
// the server runs, every transaction of data.db is shipped to a replica within the sync
// interval, and `maillage restore-replica` rebuilds data.db from that replica on a fresh
// machine. A restored database is a new life of the database for the sync: the restore marks
// the data dir so that the next start draws a new epoch (mobile_sync), and devices re-snapshot
// and push their outboxes again. auxiliary.db (request logs) is not replicated.
//
// Litestream must be the only one to checkpoint data.db: the server then opens data.db with
// wal_autocheckpoint=0 (dbconnect.ConnectReplicated) and PocketBase's nightly
// wal_checkpoint(TRUNCATE) of data.db is left out. docs/deploy.md, "Replication".
//
//	replication.Register(app, cfgPath) // in internal/server.Bind; "" replicates nothing
package replication

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/benbjohnson/litestream"
	"github.com/pocketbase/pocketbase/core"
)

// dataDB is PocketBase's data database, the one replicated.
const dataDB = "data.db"

// EnvConfig is the environment variable naming the configuration file, as --replicate does.
const EnvConfig = "MAILLAGE_LITESTREAM_CONFIG"

// Register replicates data.db while the server serves when cfgPath names a configuration file:
// replication starts with the server and its last transactions are shipped when it stops.
// Other commands never replicate. The configuration is read at once, so that a wrong file
// stops the server before it serves.
func Register(app core.App, cfgPath string) error {
	if cfgPath == "" {
		return nil
	}
	cfg, err := ReadConfig(cfgPath)
	if err != nil {
		return err
	}
	if err := restoreIfMissing(app, cfg); err != nil {
		return err
	}
	var store *litestream.Store
	app.OnServe().BindFunc(func(e *core.ServeEvent) error {
		started, err := start(e.App, cfg)
		if err != nil {
			return err
		}
		store = started
		return e.Next()
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		stop(e.App, store)
		return e.Next()
	})
	keepOutOfBackups(app)
	return nil
}

// restoreIfMissing restores data.db from the replica when the data dir has none: a new machine
// (a fresh volume) takes over from the replica instead of starting an empty database that
// Litestream would then ship over it. It runs before PocketBase opens the data dir, for every
// command. A replica with no database yet (the first start) leaves the data dir as it is.
func restoreIfMissing(app core.App, cfg Config) error {
	path, err := cfg.dbPath(app.DataDir())
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	err = Restore(context.Background(), cfg, app.DataDir())
	if errors.Is(err, ErrNoReplica) {
		return nil
	}
	if err == nil {
		app.Logger().Info("replication: data.db restored from the replica", "db", path)
	}
	return err
}

// start opens Litestream's store on the app's data.db and leaves checkpoints to it.
func start(app core.App, cfg Config) (*litestream.Store, error) {
	path, err := cfg.dbPath(app.DataDir())
	if err != nil {
		return nil, err
	}
	db := litestream.NewDB(path)
	if cfg.DBs[0].MonitorInterval > 0 {
		db.MonitorInterval = cfg.DBs[0].MonitorInterval
	}
	if db.Replica, err = cfg.replica(db); err != nil {
		return nil, err
	}
	store := litestream.NewStore([]*litestream.DB{db}, cfg.levels())
	if cfg.Snapshot.Interval > 0 {
		store.SnapshotInterval = cfg.Snapshot.Interval
	}
	if cfg.Snapshot.Retention > 0 {
		store.SnapshotRetention = cfg.Snapshot.Retention
	}
	db.SetLogger(slog.New(warnings{app.Logger().Handler()}).With("litestream", filepath.Base(path)))
	if err := store.Open(context.Background()); err != nil {
		return nil, fmt.Errorf("start replication: %w", err)
	}
	leaveCheckpointsToLitestream(app)
	rc := cfg.DBs[0].Replica
	app.Logger().Info("replication: replicating", "db", path, "type", rc.Type, "bucket", rc.Bucket,
		"path", rc.Path, "monitorInterval", db.MonitorInterval.String(), "syncInterval", db.Replica.SyncInterval.String())
	return store, nil
}

// stop ships what is left and stops replicating (Litestream's shutdown sync, bounded by its
// timeout).
func stop(app core.App, store *litestream.Store) {
	if store == nil {
		return
	}
	if err := store.Close(context.Background()); err != nil {
		app.Logger().Error("replication: final sync failed", "error", err)
	}
}
