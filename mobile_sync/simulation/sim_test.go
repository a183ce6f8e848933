package simulation

import (
	"flag"
	"fmt"
	"strings"
	"testing"
)

var (
	simSeeds = flag.Int("sim.seeds", 0, "run this many seeds (from -sim.first) instead of the fixed CI set")
	simFirst = flag.Uint64("sim.first", 1000, "first seed when -sim.seeds is set")
	simSeed  = flag.Uint64("sim.seed", 0, "replay this one seed")
	simLong  = flag.Bool("sim.long", false, "longer runs: 10 clients, 800 steps")
	simSteps = flag.Int("sim.steps", 0, "steps per run (0: the default of the run)")
)

// ciSeeds run in plain `go test`: each with every fault, restarts, busy writer and partitions.
// Seed 101 found a client that kept its old cursor over half-replaced stores after a reset.
var ciSeeds = []uint64{8, 1, 4, 7, 12, 21, 101}

func TestSimulation(t *testing.T) {
	for _, seed := range seedsToRun() {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			runSeed(t, seed)
		})
	}
}

func seedsToRun() []uint64 {
	switch {
	case *simSeed != 0:
		return []uint64{*simSeed}
	case *simSeeds > 0:
		out := make([]uint64, *simSeeds)
		for i := range out {
			out[i] = *simFirst + uint64(i)
		}
		return out
	}
	return ciSeeds
}

// configFor derives a run's shape from its seed: 3 to 10 clients.
func configFor(seed uint64, dir string) Config {
	cfg := Config{Seed: seed, Clients: 3 + int(seed%8), Steps: 200, Dir: dir,
		Faults: DefaultFaults, Restarts: true, Busy: true, Partitions: true}
	if *simLong {
		cfg.Clients, cfg.Steps = 10, 800
	}
	if *simSteps > 0 {
		cfg.Steps = *simSteps
	}
	return cfg
}

func runSeed(t *testing.T, seed uint64) {
	t.Helper()
	rep, err := Run(configFor(seed, t.TempDir()))
	if err != nil {
		t.Fatalf("seed %d: %v", seed, err)
	}
	t.Logf("seed %d: %d mutations, %d acknowledged %v, %d restarts, %d busy holds, %d partitions, %d sync errors, faults %+v",
		seed, rep.Mutations, rep.Acknowledged, rep.Statuses, rep.Restarts, rep.BusyHolds, rep.Partitions, rep.SyncErrors, rep.Faults)
	if len(rep.Failures) > 0 {
		replay := fmt.Sprintf("go test ./mobile_sync/simulation -run 'TestSimulation$' -sim.seed=%d -v", seed)
		if *simLong {
			replay += " -sim.long"
		}
		t.Fatal(rep.FailureReport(replay))
	}
}

// TestSimulationCatchesBrokenServers is the negative control: the same runs against a server
// broken in one way each must fail, on the invariant that way breaks. A fault shows only when
// a run meets it (a replay needs a lost answer to a rejected mutation), so each broken server
// gets the first ten seeds until one catches it; most are caught on the first.
func TestSimulationCatchesBrokenServers(t *testing.T) {
	cases := []struct {
		broken Broken
		want   string // in some failure
	}{
		{NaivePull, "its user may read"},
		{LoseWrites, "LOST"},
		{Leak, "LEAK"},
		// Replays are rare and mostly harmless under per-field resolution: a caught run replays
		// rejected mutations, which then leave a second rejected row.
		{ForgetResults, "APPLIED TWICE"},
	}
	for _, tc := range cases {
		t.Run(string(tc.broken), func(t *testing.T) {
			for seed := uint64(1); seed <= 10; seed++ {
				if failure := brokenRun(t, tc.broken, seed, tc.want); failure != "" {
					t.Logf("caught with seed %d: %s", seed, failure)
					return
				}
			}
			t.Fatalf("the checker missed a %s server on ten seeds: want a failure with %q", tc.broken, tc.want)
		})
	}
}

// brokenRun runs seed against a server broken that way and returns its first failure holding
// want, or "".
func brokenRun(t *testing.T, broken Broken, seed uint64, want string) string {
	cfg := configFor(seed, t.TempDir())
	cfg.Broken = broken
	rep, err := Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Failures {
		if strings.Contains(f, want) {
			return f
		}
	}
	return ""
}
