package replication

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/benbjohnson/litestream"

	ms "github.com/maillage/maillage/mobile_sync"
)

// scenario is one run of issue 13's "beyond one machine": a replicating server, two devices
// (a writes, b reads), writes acknowledged and replicated, then writes acknowledged while the
// replica no longer receives anything (the last sync interval), work left in a's outbox, the
// server killed with SIGKILL, data.db restored from the replica into a fresh data dir and a
// server started on it at the same address.
type scenario struct {
	t        *testing.T
	s        *server
	cfg      Config
	a, b     *device
	epoch    string
	failures []string
}

// restoreFunc puts data.db in place in dir from the replica.
type restoreFunc func(t *testing.T, s *server, dir string)

// The acknowledged writes that reached the replica survive the loss of the machine, the restored
// database is intact, both devices notice the new epoch once, a pushes again what the replica
// never received and its outbox, each of a's records lands exactly once, b converges to the
// server, and the only loss is the REST write made within the last sync interval.
func TestKillRestoreFromReplica(t *testing.T) {
	skipShort(t)
	sc := runScenario(t, restoreWithCommand)
	for _, f := range sc.failures {
		t.Error(f)
	}
}

// Negative control: data.db restored from the replica without the epoch mark (Litestream's
// own restore, nothing else). The server keeps the old epoch, seq numbers are handed out
// twice, and the same checks fail.
func TestKillRestoreControlNoEpochBump(t *testing.T) {
	skipShort(t)
	sc := runScenario(t, restoreWithoutEpoch)
	if len(sc.failures) == 0 {
		t.Fatal("a restore that keeps the epoch: the checks found nothing")
	}
	t.Logf("caught: %v", sc.failures)
}

func runScenario(t *testing.T, restore restoreFunc) *scenario {
	replicaDir := filepath.Join(t.TempDir(), "replica")
	cfgPath := writeConfig(t, replicaDir, 100*time.Millisecond)
	sc := &scenario{t: t, s: newServer(t, cfgPath), cfg: readConfig(t, cfgPath)}
	sc.a = newDevice(sc.s, "a", sc.s.facilitator("a@example.org"))
	sc.b = newDevice(sc.s, "b", sc.s.facilitator("b@example.org"))
	sc.replicated()
	thaw := freeze(t, replicaDir)
	sc.notReplicated()
	sc.a.create(t, "a3") // offline: still in the outbox when the server dies
	sc.epoch = sc.info().Epoch
	sc.s.kill()
	thaw()
	sc.restart(restore)
	sc.a.sync(t)
	sc.b.sync(t)
	sc.a.sync(t)
	sc.b.sync(t)
	sc.check()
	return sc
}

// replicated: a pushes a1, a REST write r1, b pulls both; the test waits until the replica
// holds them.
func (sc *scenario) replicated() {
	sc.a.create(sc.t, "a1")
	sc.a.sync(sc.t)
	sc.s.restCreate(sc.a.u, "r1")
	sc.b.sync(sc.t)
	waitReplicated(sc.t, sc.cfg, "a1", "r1")
}

// notReplicated: acknowledged writes the frozen replica never receives: a pushes a2, a REST
// write r2, b pulls both.
func (sc *scenario) notReplicated() {
	sc.a.create(sc.t, "a2")
	sc.a.sync(sc.t)
	sc.s.restCreate(sc.a.u, "r2")
	sc.b.sync(sc.t)
	if len(sc.a.c.Outbox()) != 0 {
		sc.t.Fatalf("a2 not acknowledged: outbox %v", sc.a.c.Outbox())
	}
}

// restart restores into a fresh data dir, checks the restored database and starts a
// replicating server on it at the same address.
func (sc *scenario) restart(restore restoreFunc) {
	t := sc.t
	dir := t.TempDir()
	restore(t, sc.s, dir)
	path := filepath.Join(dir, dataDB)
	if got := integrity(t, path); got != "ok" {
		sc.fail("integrity_check of the restored database: %s", got)
	}
	if got := names(t, path); !slices.Equal(got, []string{"a1", "r1"}) {
		sc.fail("the restored database holds %v, want the replicated writes [a1 r1]", got)
	}
	sc.s.dir = dir
	sc.s.start()
}

// restoreWithCommand is the documented path: `maillage restore-replica`.
func restoreWithCommand(t *testing.T, s *server, dir string) {
	out, err := exec.Command(binary, CommandName, "--config", s.config, "--dir", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", CommandName, err, out)
	}
}

// restoreWithoutEpoch is Litestream's restore alone, without the epoch mark.
func restoreWithoutEpoch(t *testing.T, s *server, dir string) {
	opt := litestream.NewRestoreOptions()
	opt.OutputPath = filepath.Join(dir, dataDB)
	if err := mustReplica(t, readConfig(t, s.config)).Restore(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
}

func (sc *scenario) info() ms.Info {
	info, err := sc.b.c.Info(context.Background())
	if err != nil {
		sc.t.Fatalf("info: %v", err)
	}
	return info
}

func (sc *scenario) fail(format string, args ...any) {
	sc.failures = append(sc.failures, fmt.Sprintf(format, args...))
}
