// Command maillage-load runs N simulated devices against the real maillage binary on
// loopback and prints p50/p95/p99 latencies per operation, errors and the server's memory
// (loadtest package, BENCHMARKS.md "Load: N devices against the binary"):
//
//	go run ./loadtest/cmd/maillage-load -devices 1000 -duration 60s
//	go run ./loadtest/cmd/maillage-load -devices 100 -profile cpu.pprof   # then go tool pprof
//	go run ./loadtest/cmd/maillage-load -devices 1000 -syncing 10 -records 100000  # DESIGN.md's memory target
//
// Unless -binary names one, it builds the binary of the current module; the server runs on a
// fresh data dir with the demo territory and no rate limits (every device shares 127.0.0.1).
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/maillage/maillage/internal/binarytest"
	"github.com/maillage/maillage/loadtest"
)

func main() {
	var cfg loadtest.Config
	flag.IntVar(&cfg.Devices, "devices", 100, "devices running at once")
	flag.IntVar(&cfg.Syncing, "syncing", 0, "how many devices sync and contribute; the others hold a realtime subscription and browse (0: all)")
	flag.BoolVar(&cfg.SkipTotal, "skip-total", false, "REST lists ask for no total count (skipTotal=1)")
	records := flag.Int("records", 0, "initiatives added to the demo territory before the devices arrive (in SQL; the server then restarts)")
	flag.IntVar(&cfg.DevicesPerUser, "per-user", 4, "devices sharing one account")
	flag.DurationVar(&cfg.Ramp, "ramp", 20*time.Second, "window over which the devices arrive (initial sync, subscription)")
	flag.DurationVar(&cfg.Duration, "duration", 60*time.Second, "how long the devices act once all arrived")
	flag.DurationVar(&cfg.Think, "think", 20*time.Second, "mean pause between two actions of a device")
	flag.Uint64Var(&cfg.Seed, "seed", 1, "seed of the devices' choices")
	binary := flag.String("binary", "", "the maillage binary (default: go build of the current module)")
	profile := flag.String("profile", "", "write a CPU profile of the server over the action phase to this file")
	verify := flag.Bool("verify", true, "sync every device at the end and check each sees every contribution")
	flag.Parse()
	if err := run(cfg, *binary, *profile, *records, *verify); err != nil {
		log.Fatal(err)
	}
}

// run starts the server, runs the devices, and prints the figures.
func run(cfg loadtest.Config, bin, profile string, records int, verify bool) error {
	dir, err := os.MkdirTemp("", "maillage-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if bin == "" {
		if bin, err = binarytest.Build(".", dir); err != nil {
			return err
		}
	}
	srv, pprofAddr, err := start(bin, dir, records, profile != "")
	if err != nil {
		return err
	}
	defer srv.Stop(10 * time.Second)
	cfg.BaseURL = srv.URL("")
	fmt.Printf("server pid %d at %s; %s\n", srv.PID(), srv.URL(""), loadtest.Machine())
	if profile != "" {
		cfg.OnActing = func() { go profileActions(cfg.Duration, pprofAddr, profile) }
	}
	return measure(cfg, srv, verify)
}

// start serves a fresh data dir with records more initiatives, with the profiler on a
// loopback port when asked.
func start(bin, dir string, records int, profiled bool) (*binarytest.Server, string, error) {
	if !profiled {
		srv, err := loadtest.StartSeeded(bin, dir+"/data", records)
		return srv, "", err
	}
	addr, err := binarytest.FreeAddr()
	if err != nil {
		return nil, "", err
	}
	srv, err := loadtest.StartSeeded(bin, dir+"/data", records, "MAILLAGE_PPROF="+addr)
	return srv, addr, err
}

// profileActions takes the server's CPU profile over the action phase.
func profileActions(d time.Duration, addr, file string) {
	if err := loadtest.CPUProfile(context.Background(), addr, d-time.Second, file); err != nil {
		log.Printf("profile: %v", err)
		return
	}
	log.Printf("CPU profile of the server written to %s", file)
}

// measure runs the devices, prints the table and the summary, and verifies.
func measure(cfg loadtest.Config, srv *binarytest.Server, verify bool) error {
	var cpu0 time.Duration // the server's CPU is counted from the first device on, not the accounts
	cfg.OnStart = func() { cpu0, _ = loadtest.CPUTime(srv.PID()) }
	mem := loadtest.SampleMemory(srv.PID())
	res, err := loadtest.Run(context.Background(), cfg)
	maxRSS, now := mem.Stop()
	cpu1, _ := loadtest.CPUTime(srv.PID())
	if err != nil {
		return err
	}
	elapsed := time.Since(res.Started)
	loadtest.WriteTable(os.Stdout, res.Recorder.Stats())
	sum := loadtest.Summarise(res, elapsed)
	sum.MaxRSS, sum.PeakRSS, sum.CPU = maxRSS, now.Peak, cpu1-cpu0
	sum.Write(os.Stdout)
	if !verify {
		return nil
	}
	if err := loadtest.Verify(context.Background(), res); err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	fmt.Printf("verified: every device sees the %d contributions with their last names\n", sum.Contribs)
	return nil
}
