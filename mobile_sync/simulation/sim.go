// Package simulation runs seeded multi-client simulations of the sync protocol against the
// real Maillage server: several users with different roles and community memberships, each
// on one or more devices running the reference client, doing random creates, field, set and
// text edits, deletes, visibility and membership changes, through a transport that drops
// requests and answers, duplicates and reorders them, partitions the network, while the server
// restarts and its writer is held busy. After healing it checks that every client converged to
// exactly what its user may read, that no acknowledged value was lost, that every mutation was
// applied once, and (all along) that no client ever received a row its user may not read.
//
//	rep, err := simulation.Run(simulation.Config{Seed: 7, Clients: 5, Steps: 200, Dir: t.TempDir()})
package simulation

import (
	"context"
	"fmt"
	mrand "math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/server"
	mobilesync "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/client"
	s "github.com/maillage/maillage/schema"
)

// Config is one simulation run.
type Config struct {
	Seed    uint64
	Clients int    // 3 to 10 devices; the last one is anonymous
	Steps   int    // random actions before healing
	Dir     string // the server's data dir (empty, kept across restarts)
	Faults  Faults // network faults while the simulation runs
	// Restarts, Busy and Partitions enable server restarts, a held writer (SQLITE_BUSY and
	// v0.39 backups) and network partitions.
	Restarts, Busy, Partitions bool
	// Broken runs a deliberately wrong server (a negative control); empty for the real one.
	Broken Broken
}

// DefaultFaults are the network faults of the standard runs.
var DefaultFaults = Faults{DropRequest: 0.05, DropResponse: 0.08, Duplicate: 0.05, Delay: 0.05}

// Report summarises a run. Failures is empty when every invariant held.
type Report struct {
	Seed                            uint64
	Mutations, Acknowledged         int
	Restarts, BusyHolds, Partitions int
	SyncErrors                      int
	Statuses                        map[string]int // acknowledged mutations by stored status
	Faults                          FaultStats
	Failures                        []string
	Trace                           []string // the last actions, for a failure report
}

// device is one simulated client.
type device struct {
	name string
	c    *client.Client
	user *User // nil for the anonymous device
	tr   *Transport
}

// token is the device's auth token, "" when anonymous.
func (d *device) token() string {
	if d.user == nil {
		return ""
	}
	return d.user.Token
}

// Sim is a running simulation.
type Sim struct {
	cfg       Config
	rnd       *mrand.Rand
	srv       *Server
	world     *World
	rest      REST
	hist      *History
	devices   []*device
	busy      sync.WaitGroup
	backingUp atomic.Bool // a backup is running (PocketBase refuses a second one)
	report    Report
	fmu       sync.Mutex // guards report.Failures (leak checks run inside pulls)
	tags      int        // numbers description paragraphs, so that one applied twice shows
}

// content are the collections the simulated devices write.
var content = []string{s.Initiatives, s.Events, s.Offers}

// syncConfig is the default sync configuration with a short wait for the writer, so that a
// held writer makes pushes answer 503 with their processed prefix rather than wait it out.
func syncConfig() mobilesync.Config {
	c := mobilesync.DefaultConfig()
	c.PushWriteWait = 250 * time.Millisecond
	return c
}

// Run runs one simulation and reports what it saw; err is set when the run itself could not
// proceed (the server did not start), not when an invariant failed (see Report.Failures).
func Run(cfg Config) (*Report, error) {
	sim := &Sim{cfg: cfg, rnd: mrand.New(mrand.NewPCG(cfg.Seed, 1)), hist: NewHistory()}
	sim.report.Seed, sim.report.Statuses = cfg.Seed, map[string]int{}
	srv, err := StartServer(cfg.Dir, server.Config{Sync: syncConfig()}, func(app core.App) { sim.hist.Bind(app, content...) })
	if err != nil {
		return nil, fmt.Errorf("start server: %w", err)
	}
	defer srv.Close()
	srv.Break(cfg.Broken)
	sim.srv, sim.rest = srv, REST{BaseURL: srv.URL(), HTTP: &http.Client{Timeout: 30 * time.Second}}
	if sim.world, err = NewWorld(srv.App(), min(5, max(3, cfg.Clients-1))); err != nil {
		return nil, fmt.Errorf("seed world: %w", err)
	}
	sim.newDevices()
	sim.syncAll("initial sync")
	for step := range cfg.Steps {
		sim.step(step)
	}
	sim.heal()
	sim.check()
	for _, d := range sim.devices {
		st := d.tr.Stats()
		sim.report.Faults.add(st)
	}
	return &sim.report, nil
}

func (sim *Sim) newDevices() {
	for i := range sim.cfg.Clients {
		d := &device{name: fmt.Sprintf("d%d", i)}
		if i < sim.cfg.Clients-1 {
			d.user = sim.world.Users[i%len(sim.world.Users)]
			d.name += "/" + d.user.Role
		}
		d.tr = NewTransport(http.DefaultTransport, sim.cfg.Seed*1000+uint64(i))
		d.tr.SetFaults(sim.cfg.Faults)
		d.c = client.New(client.Options{
			BaseURL: sim.srv.URL(), Token: d.token(), HTTP: &http.Client{Transport: d.tr, Timeout: 30 * time.Second},
			PageSize: 50, PushBatch: 10, Rand: mrand.New(mrand.NewPCG(sim.cfg.Seed, uint64(100+i))),
			OnChanges: sim.leakCheck(d),
		})
		sim.devices = append(sim.devices, d)
	}
}

// trace remembers an action for the failure report.
func (sim *Sim) trace(format string, args ...any) {
	sim.report.Trace = append(sim.report.Trace, fmt.Sprintf(format, args...))
	if n := len(sim.report.Trace); n > 60 {
		sim.report.Trace = sim.report.Trace[n-60:]
	}
}

// fail records a broken invariant.
func (sim *Sim) fail(format string, args ...any) {
	sim.fmu.Lock()
	defer sim.fmu.Unlock()
	if len(sim.report.Failures) < 50 {
		sim.report.Failures = append(sim.report.Failures, fmt.Sprintf(format, args...))
	}
}

// sync runs one sync of d; network faults and 503s are expected, other errors are failures.
func (sim *Sim) sync(d *device) error {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	err := d.c.Sync(ctx)
	if err != nil {
		sim.report.SyncErrors++
		if !client.IsTransient(err) {
			sim.fail("%s: sync: %v", d.name, err)
		}
	}
	return err
}

func (sim *Sim) syncAll(why string) {
	sim.trace("%s", why)
	for _, d := range sim.devices {
		sim.sync(d)
	}
}

// FailureReport formats a failed run with the way to replay it.
func (r *Report) FailureReport(replay string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "simulation seed %d failed; replay with: %s\n", r.Seed, replay)
	for _, f := range r.Failures {
		fmt.Fprintf(&b, "  - %s\n", f)
	}
	fmt.Fprintf(&b, "last actions:\n  %s\n", strings.Join(r.Trace, "\n  "))
	return b.String()
}

func (f *FaultStats) add(o FaultStats) {
	f.Requests += o.Requests
	f.DroppedRequests += o.DroppedRequests
	f.DroppedResponses += o.DroppedResponses
	f.Duplicates += o.Duplicates
	f.Delayed += o.Delayed
	f.Resent += o.Resent
	f.Partitioned += o.Partitioned
	f.Unavailable += o.Unavailable
}
