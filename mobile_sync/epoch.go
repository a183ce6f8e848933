package mobilesync

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// The epoch names one life of the database. A restored backup carries its old epoch and its
// old seq counter, so seq numbers would be handed out twice: the epoch must change on every
// restore. The current epoch is also written to a marker file in the data dir that a restore
// leaves in place (it is excluded from the restore) after writing a fresh value into it, so at
// the next start the restored database's epoch differs from the marker, and a new epoch is
// drawn.
const (
	metaEpoch  = "epoch"
	metaMinSeq = "minSeq"
	epochFile  = "sync_epoch"
)

// ensureEpoch gives the database a new epoch when it has none (fresh database) or when it
// disagrees with the marker file (restored database), and writes the marker.
func ensureEpoch(app core.App) error {
	dbEpoch, err := readMeta(app.DB(), metaEpoch)
	if err != nil {
		return err
	}
	marker, err := readEpochFile(app.DataDir())
	if err != nil {
		return err
	}
	epoch := dbEpoch
	if dbEpoch == "" || (marker != "" && marker != dbEpoch) {
		if epoch, err = newEpoch(); err != nil {
			return err
		}
		if err := writeMeta(app.DB(), metaEpoch, epoch); err != nil {
			return err
		}
		app.Logger().Info("sync: new database epoch", "epoch", epoch, "previous", dbEpoch)
	}
	return writeEpochFile(app.DataDir(), epoch)
}

// excludeEpochFromRestore keeps the marker file out of a backup restore and, before the
// restore starts, writes a fresh value into it. A backup is usually taken in the current
// epoch, so keeping the live marker alone would not tell the restored database apart: the
// fresh value makes the next start draw a new epoch. A restore that fails after this costs
// every device one re-snapshot, never a missed change.
func excludeEpochFromRestore(app core.App) {
	app.OnBackupRestore().BindFunc(func(e *core.BackupEvent) error {
		e.Exclude = append(e.Exclude, epochFile)
		pending, err := newEpoch()
		if err != nil {
			return err
		}
		if err := writeEpochFile(e.App.DataDir(), "restored-"+pending); err != nil {
			return err
		}
		return e.Next()
	})
}

func newEpoch() (string, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("draw epoch: %w", err)
	}
	return hex.EncodeToString(b), nil
}

func readEpochFile(dataDir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dataDir, epochFile))
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read epoch marker: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}

func writeEpochFile(dataDir, epoch string) error {
	if err := os.WriteFile(filepath.Join(dataDir, epochFile), []byte(epoch+"\n"), 0o644); err != nil {
		return fmt.Errorf("write epoch marker: %w", err)
	}
	return nil
}

// readMeta returns the value of key in _sync_meta, "" when absent.
func readMeta(db dbx.Builder, key string) (string, error) {
	var v string
	err := db.NewQuery("SELECT value FROM _sync_meta WHERE key = {:k}").Bind(dbx.Params{"k": key}).Row(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read sync meta %s: %w", key, err)
	}
	return v, nil
}

func writeMeta(db dbx.Builder, key, value string) error {
	_, err := db.NewQuery("INSERT INTO _sync_meta (key, value) VALUES ({:k}, {:v}) " +
		"ON CONFLICT (key) DO UPDATE SET value = excluded.value").
		Bind(dbx.Params{"k": key, "v": value}).Execute()
	if err != nil {
		return fmt.Errorf("write sync meta %s: %w", key, err)
	}
	return nil
}

// minSeqOn returns the pruning horizon: tombstones at or below it may be gone, so a cursor
// below it must re-snapshot.
func minSeqOn(db dbx.Builder) (int64, error) {
	v, err := readMeta(db, metaMinSeq)
	if err != nil || v == "" {
		return 0, err
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("parse minSeq %q: %w", v, err)
	}
	return n, nil
}

// pruneTombstones deletes the remove rows with seq <= upTo and raises minSeq to upTo, in one
// transaction. Cursors below upTo get a reset; fresh pulls never need old tombstones.
func pruneTombstones(app core.App, upTo int64) error {
	return app.RunInTransaction(func(tx core.App) error {
		current, err := minSeqOn(tx.DB())
		if err != nil || upTo <= current {
			return err
		}
		_, err = tx.DB().NewQuery("DELETE FROM _sync_changes WHERE op = {:op} AND seq <= {:s}").
			Bind(dbx.Params{"op": logRemove, "s": upTo}).Execute()
		if err != nil {
			return fmt.Errorf("prune tombstones: %w", err)
		}
		return writeMeta(tx.DB(), metaMinSeq, strconv.FormatInt(upTo, 10))
	})
}
