package replication

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/benbjohnson/litestream"
	"github.com/benbjohnson/litestream/file"
	"github.com/pocketbase/pocketbase/tools/filesystem"
	"gopkg.in/yaml.v3"
)

// Config is the part of Litestream's configuration file (litestream.yml) that Maillage reads:
// one database with one replica (file or s3), the snapshot policy and the compaction levels. The same file
// works with the standalone `litestream` command (e.g. `litestream restore -config FILE`).
type Config struct {
	// DBs must hold exactly one database: data.db of the served data dir.
	DBs []DBConfig `yaml:"dbs"`
	// Snapshot is how often a full snapshot is written to the replica and how long it is kept.
	Snapshot SnapshotConfig `yaml:"snapshot"`
	// Levels are the compaction levels above L0 (L1, L2, ...); none: Litestream's defaults.
	Levels []LevelConfig `yaml:"levels"`
}

// DBConfig names the database and its replica.
type DBConfig struct {
	// Path of the database; empty: data.db of the served data dir.
	Path string `yaml:"path"`
	// MonitorInterval is how often Litestream reads new transactions from the WAL into its
	// working directory (default 1s); they reach the replica at the next sync after that.
	MonitorInterval time.Duration `yaml:"monitor-interval"`
	// Replica is where the database is replicated to.
	Replica ReplicaConfig `yaml:"replica"`
}

// ReplicaConfig is one replica: "file" (a directory) or "s3" (an S3-compatible bucket, reached
// through PocketBase's S3 client), with Litestream's names for the settings.
type ReplicaConfig struct {
	// Type of the replica: "file" or "s3".
	Type string `yaml:"type"`
	// Path is the replica's directory (file) or the key prefix in the bucket (s3).
	Path string `yaml:"path"`
	// SyncInterval is how often new transactions are sent to the replica: at most what a lost
	// machine loses. Litestream's default is 1s.
	SyncInterval time.Duration `yaml:"sync-interval"`
	// Bucket, Endpoint (e.g. https://fly.storage.tigris.dev), Region and the credentials of an
	// s3 replica; empty credentials are read from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
	Bucket          string `yaml:"bucket"`
	Endpoint        string `yaml:"endpoint"`
	Region          string `yaml:"region"`
	AccessKeyID     string `yaml:"access-key-id"`
	SecretAccessKey string `yaml:"secret-access-key"`
	ForcePathStyle  bool   `yaml:"force-path-style"`
}

// SnapshotConfig is Litestream's snapshot policy.
type SnapshotConfig struct {
	Interval  time.Duration `yaml:"interval"`
	Retention time.Duration `yaml:"retention"`
}

// LevelConfig is one compaction level above L0.
type LevelConfig struct {
	Interval time.Duration `yaml:"interval"`
}

// ReadConfig reads the configuration file at path, with $VAR and ${VAR} expanded from the
// environment (as Litestream does), and checks it.
func ReadConfig(path string) (Config, error) {
	var cfg Config
	raw, err := os.ReadFile(path)
	if err != nil {
		return cfg, fmt.Errorf("replication config: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader([]byte(os.ExpandEnv(string(raw)))))
	dec.KnownFields(false) // the standalone command's other settings are left to it
	if err := dec.Decode(&cfg); err != nil {
		return cfg, fmt.Errorf("replication config %s: %w", path, err)
	}
	return cfg, cfg.check()
}

// check refuses what Maillage cannot run: anything but one database with a file or s3 replica.
func (c Config) check() error {
	if len(c.DBs) != 1 {
		return fmt.Errorf("replication config: %d databases, want one (data.db)", len(c.DBs))
	}
	r := c.DBs[0].Replica
	switch {
	case r.Type != file.ReplicaClientType && r.Type != typeS3:
		return fmt.Errorf("replication config: replica type %q is not built into maillage: use %q or %q (docs/deploy.md)", r.Type, file.ReplicaClientType, typeS3)
	case r.Type == file.ReplicaClientType && r.Path == "":
		return fmt.Errorf("replication config: the file replica needs a path")
	case r.Type == typeS3 && r.Bucket == "":
		return fmt.Errorf("replication config: the s3 replica needs a bucket")
	}
	return nil
}

// dbPath is the database the configuration replicates, checked against the served data dir:
// replicating another file than the server's data.db would protect nothing.
func (c Config) dbPath(dataDir string) (string, error) {
	want, err := filepath.Abs(filepath.Join(dataDir, dataDB))
	if err != nil {
		return "", err
	}
	if p := c.DBs[0].Path; p != "" {
		if got, err := filepath.Abs(p); err != nil || got != want {
			return "", fmt.Errorf("replication config names %s, but the server's database is %s", p, want)
		}
	}
	return want, nil
}

// typeS3 is the replica type of an S3-compatible bucket.
const typeS3 = "s3"

// replica builds the Litestream replica of db (nil for a restore) from the configuration.
func (c Config) replica(db *litestream.DB) (*litestream.Replica, error) {
	rc := c.DBs[0].Replica
	r := litestream.NewReplica(db)
	if rc.SyncInterval > 0 {
		r.SyncInterval = rc.SyncInterval
	}
	if rc.Type == typeS3 {
		fs, err := filesystem.NewS3(rc.Bucket, rc.Region, rc.Endpoint,
			envOr(rc.AccessKeyID, "AWS_ACCESS_KEY_ID"), envOr(rc.SecretAccessKey, "AWS_SECRET_ACCESS_KEY"), rc.ForcePathStyle)
		if err != nil {
			return nil, fmt.Errorf("replication: s3 replica: %w", err)
		}
		r.Client = newBlobClient(fs, rc.Path)
		return r, nil
	}
	client := file.NewReplicaClient(rc.Path)
	client.Replica = r
	r.Client = client
	return r, nil
}

// envOr is v, or the environment variable name when v is empty.
func envOr(v, name string) string {
	if v != "" {
		return v
	}
	return os.Getenv(name)
}

// levels are the compaction levels, L0 first.
func (c Config) levels() litestream.CompactionLevels {
	if len(c.Levels) == 0 {
		return litestream.DefaultCompactionLevels
	}
	levels := litestream.CompactionLevels{{Level: 0}}
	for i, l := range c.Levels {
		levels = append(levels, &litestream.CompactionLevel{Level: i + 1, Interval: l.Interval})
	}
	return levels
}
