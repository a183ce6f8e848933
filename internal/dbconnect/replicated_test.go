package dbconnect

import (
	"path/filepath"
	"testing"

	"github.com/pocketbase/dbx"
)

// A replicated data.db never checkpoints on its own (Litestream does), keeps synchronous=FULL
// and WAL; auxiliary.db keeps SQLite's automatic checkpoints. Control: Connect's data.db
// checkpoints automatically, so the test tells the two apart.
func TestReplicatedDataLeavesCheckpointsToLitestream(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name       string
		connect    func(string) (*dbx.DB, error)
		autoCkpt   int
		synchronus int
	}{{"data.db", ConnectReplicated, 0, 2}, {"auxiliary.db", ConnectReplicated, 1000, 1}, {"data.db", Connect, 1000, 2}} {
		db, err := c.connect(filepath.Join(dir, c.name))
		if err != nil {
			t.Fatal(err)
		}
		var mode string
		var ckpt, sync int
		_ = db.NewQuery("PRAGMA journal_mode").Row(&mode)
		_ = db.NewQuery("PRAGMA wal_autocheckpoint").Row(&ckpt)
		_ = db.NewQuery("PRAGMA synchronous").Row(&sync)
		if mode != "wal" || ckpt != c.autoCkpt || sync != c.synchronus {
			t.Errorf("%s: journal_mode %s, wal_autocheckpoint %d, synchronous %d: want wal, %d, %d",
				c.name, mode, ckpt, sync, c.autoCkpt, c.synchronus)
		}
		_ = db.Close()
	}
}
