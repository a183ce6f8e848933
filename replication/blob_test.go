package replication

import (
	"context"
	"database/sql"
	"io"
	"path/filepath"
	"testing"

	"github.com/benbjohnson/litestream"
	"github.com/benbjohnson/litestream/file"
	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/superfly/ltx"
)

// A database replicated through the blob client (over a local directory, as the s3 replica
// is over a bucket) restores whole, through the blob client and through Litestream's own file
// client reading the same layout (so the standalone `litestream` command reads the bucket).
func TestBlobReplicaRestores(t *testing.T) {
	dir := t.TempDir()
	client := localBlob(t, dir)
	replicateRows(t, client, 2, 50)
	for name, c := range map[string]litestream.ReplicaClient{"blob": client, "file": file.NewReplicaClient(filepath.Join(dir, "pre"))} {
		if n := restoredRows(t, c); n != 100 {
			t.Errorf("restored through the %s client: %d rows, want 100", name, n)
		}
	}
}

// Negative control: a client that loses every upload after the first: the same check sees
// the rows missing.
func TestBlobReplicaControlLosesUploads(t *testing.T) {
	lossy := &lossyClient{blobClient: localBlob(t, t.TempDir())}
	replicateRows(t, lossy, 2, 50)
	if n := restoredRows(t, lossy); n == 100 {
		t.Fatal("a replica that lost uploads restored every row: the check cannot tell")
	}
}

func localBlob(t *testing.T, dir string) *blobClient {
	t.Helper()
	fs, err := filesystem.NewLocal(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = fs.Close() })
	return newBlobClient(fs, "pre")
}

// replicateRows writes batches of rows into a new WAL database and ships each batch to client.
func replicateRows(t *testing.T, client litestream.ReplicaClient, batches, rows int) {
	t.Helper()
	path := filepath.Join(t.TempDir(), dataDB)
	db, err := sql.Open("sqlite", path+"?_pragma=journal_mode(WAL)&_pragma=wal_autocheckpoint(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	mustExec(t, db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
	ldb := litestream.NewDB(path)
	ldb.MonitorInterval = 0
	ldb.Replica = litestream.NewReplicaWithClient(ldb, client)
	ldb.Replica.MonitorEnabled = false
	if err := ldb.Open(); err != nil {
		t.Fatal(err)
	}
	defer ldb.Close(context.Background())
	for range batches {
		for range rows {
			mustExec(t, db, "INSERT INTO t (v) VALUES ('row')")
		}
		if err := ldb.SyncAndWait(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
}

// restoredRows restores the replica of client and counts its rows; -1 when nothing restores.
func restoredRows(t *testing.T, client litestream.ReplicaClient) int {
	t.Helper()
	opt := litestream.NewRestoreOptions()
	opt.OutputPath = filepath.Join(t.TempDir(), dataDB)
	if err := litestream.NewReplicaWithClient(nil, client).Restore(context.Background(), opt); err != nil {
		t.Logf("restore: %v", err)
		return -1
	}
	db := openRead(t, opt.OutputPath)
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM t").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func mustExec(t *testing.T, db *sql.DB, query string) {
	t.Helper()
	if _, err := db.Exec(query); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// lossyClient stores the first upload and silently drops the others.
type lossyClient struct {
	*blobClient
	written bool
}

func (c *lossyClient) WriteLTXFile(ctx context.Context, level int, minTXID, maxTXID ltx.TXID, rd io.Reader) (*ltx.FileInfo, error) {
	if c.written {
		_, _ = io.Copy(io.Discard, rd)
		return &ltx.FileInfo{Level: level, MinTXID: minTXID, MaxTXID: maxTXID}, nil
	}
	c.written = true
	return c.blobClient.WriteLTXFile(ctx, level, minTXID, maxTXID, rd)
}
