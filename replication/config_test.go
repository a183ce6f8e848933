package replication

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writeFile(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "litestream.yml")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// The shipped configuration is read with its environment variables expanded (the bucket's
// secrets on Fly); it names the Fly volume's data.db, so another data dir is refused.
func TestShippedConfig(t *testing.T) {
	t.Setenv("BUCKET_NAME", "territory")
	t.Setenv("AWS_ENDPOINT_URL_S3", "https://storage.example.org")
	cfg, err := ReadConfig(filepath.Join("..", "litestream.yml"))
	if err != nil {
		t.Fatal(err)
	}
	r := cfg.DBs[0].Replica
	if r.Type != "s3" || r.Bucket != "territory" || r.Endpoint != "https://storage.example.org" || r.SyncInterval != time.Second {
		t.Errorf("replica %+v: want the s3 replica of $BUCKET_NAME at $AWS_ENDPOINT_URL_S3 every 1s", r)
	}
	if cfg.Snapshot.Interval != 24*time.Hour || len(cfg.levels()) != 4 {
		t.Errorf("snapshot %+v, levels %d: want daily snapshots and L0 + 3 levels", cfg.Snapshot, len(cfg.levels()))
	}
	if p, err := cfg.dbPath("/pb_data"); err != nil || p != "/pb_data/data.db" {
		t.Errorf("dbPath(/pb_data) = %q, %v", p, err)
	}
	if _, err := cfg.dbPath(t.TempDir()); err == nil {
		t.Error("a data dir the configuration does not name was accepted")
	}
}

// What maillage cannot run is refused when the server starts, with the reason.
func TestConfigRefusals(t *testing.T) {
	for body, want := range map[string]string{
		"dbs: []": "want one",
		"dbs:\n  - replica: {type: gs, bucket: b}":                                       `"gs" is not built into maillage`,
		"dbs:\n  - replica: {type: s3, path: p}":                                         "needs a bucket",
		"dbs:\n  - replica: {type: file}":                                                "needs a path",
		"dbs:\n  - replica: {type: file, path: [x]}":                                     "replication config",
		"dbs:\n  - replica: {type: file, path: /r}\n  - replica: {type: file, path: /s}": "want one",
	} {
		_, err := ReadConfig(writeFile(t, body))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", body, err, want)
		}
	}
	if _, err := ReadConfig(writeFile(t, "dbs:\n  - replica: {type: file, path: /r}")); err != nil {
		t.Errorf("a minimal file replica is refused: %v", err)
	}
}
