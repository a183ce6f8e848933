package replication

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/maillage/maillage/mobile_sync/client"
)

// The Fly path: `serve --replicate` on a new, empty volume restores data.db from the replica
// before serving it, with a new epoch. Control: the same start without the configuration
// serves an empty database (the check tells the two apart).
func TestServeRestoresAMissingDatabase(t *testing.T) {
	skipShort(t)
	replicaDir := filepath.Join(t.TempDir(), "replica")
	cfgPath := writeConfig(t, replicaDir, 100*time.Millisecond)
	s := newServer(t, cfgPath)
	u := s.facilitator("fly@example.org")
	s.restCreate(u, "before the volume was lost")
	waitReplicated(t, readConfig(t, cfgPath), "before the volume was lost")
	before := epochOf(t, s)
	s.kill()

	for _, c := range []struct {
		config string
		want   []string
	}{{"", nil}, {cfgPath, []string{"before the volume was lost"}}} {
		s.dir, s.config = t.TempDir(), c.config
		s.start()
		if got := names(t, s.db()); !slices.Equal(got, c.want) {
			t.Errorf("config %q: the new volume serves %v, want %v", c.config, got, c.want)
		}
		if epoch := epochOf(t, s); epoch == before {
			t.Errorf("config %q: the restored database kept the epoch %s", c.config, epoch)
		}
		s.kill()
	}
}

// epochOf is the server's sync epoch, as a device reads it.
func epochOf(t *testing.T, s *server) string {
	t.Helper()
	info, err := client.New(client.Options{BaseURL: s.url("")}).Info(context.Background())
	if err != nil {
		t.Fatalf("info: %v", err)
	}
	return info.Epoch
}
