package loadtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/maillage/maillage/mobile_sync/client"
)

// run is the state the devices of one load run share.
type run struct {
	cfg      Config
	rec      *Recorder
	hc       *http.Client // requests: kept-alive connections, one per busy device at most
	stream   *http.Client // realtime streams: no timeout
	photoSum string
}

// Result is what a load run leaves: the figures and the devices, for checks.
type Result struct {
	Recorder *Recorder
	Devices  []*Device
	// Started is when the first device arrived (the accounts were made before).
	Started time.Time
}

// Run creates the accounts, then runs cfg.Devices devices against the server: each arrives at
// its moment of cfg.Ramp (initial sync, realtime subscription), then acts until cfg.Duration
// after the ramp. It returns when every device has stopped, in-flight requests finished.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	cfg = cfg.withDefaults()
	r := &run{cfg: cfg, rec: NewRecorder(), photoSum: sum(cfg.Photo),
		hc:     &http.Client{Timeout: time.Minute, Transport: transport(cfg.Devices)},
		stream: &http.Client{Transport: transport(cfg.Devices)}}
	users := (cfg.Devices + cfg.DevicesPerUser - 1) / cfg.DevicesPerUser
	accounts, err := Accounts(ctx, r.hc, cfg.BaseURL, users)
	if err != nil {
		return nil, err
	}
	res := &Result{Recorder: r.rec}
	for i := range cfg.Devices {
		res.Devices = append(res.Devices, r.device(i, accounts[i%users]))
	}
	if cfg.OnStart != nil {
		cfg.OnStart()
	}
	start := time.Now()
	res.Started = start
	end := start.Add(cfg.Ramp + cfg.Duration)
	if cfg.OnActing != nil {
		time.AfterFunc(cfg.Ramp, cfg.OnActing)
	}
	var wg sync.WaitGroup
	for i, d := range res.Devices {
		arrive := start.Add(cfg.Ramp * time.Duration(i) / time.Duration(cfg.Devices))
		wg.Go(func() { d.live(ctx, arrive, end) })
	}
	wg.Wait()
	return res, ctx.Err()
}

// device makes device i of account a.
func (r *run) device(i int, a Account) *Device {
	return &Device{N: i, Account: a, r: r, names: map[string]string{}, watcher: r.cfg.Syncing > 0 && i >= r.cfg.Syncing,
		rng:    rand.New(rand.NewPCG(r.cfg.Seed, uint64(i))),
		Client: client.New(client.Options{BaseURL: r.cfg.BaseURL, Token: a.Token, HTTP: r.hc})}
}

// transport keeps enough idle connections for every device: a phone keeps its own.
func transport(devices int) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns, t.MaxIdleConnsPerHost = devices+16, devices+16
	return t
}

// Verify syncs every syncing device once more, then checks that each sees every contribution
// of the others with the name last acknowledged to its author.
func Verify(ctx context.Context, res *Result) error {
	var wg sync.WaitGroup
	slots := make(chan struct{}, 16)
	syncing := slices.DeleteFunc(slices.Clone(res.Devices), func(d *Device) bool { return d.watcher })
	for _, d := range syncing {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			res.Recorder.Time(OpFinal, func() error { return d.Client.Sync(ctx) })
		})
	}
	wg.Wait()
	if n := res.Recorder.Errors(); n > 0 {
		return fmt.Errorf("%d operations failed", n)
	}
	want := map[string]string{}
	for _, d := range res.Devices {
		for id, name := range d.Contributions() {
			want[id] = name
		}
	}
	for _, d := range syncing {
		if err := sees(d, want); err != nil {
			return err
		}
	}
	return nil
}

// sees checks the device's local view holds every wanted record with its name.
func sees(d *Device, want map[string]string) error {
	for id, name := range want {
		rec, ok := d.Client.Get(browsed, id)
		if !ok {
			return fmt.Errorf("device %d does not see %s/%s (%q)", d.N, browsed, id, name)
		}
		if got := string(rec["name"]); got != fmt.Sprintf("%q", name) {
			return fmt.Errorf("device %d sees %s/%s named %s, want %q", d.N, browsed, id, got, name)
		}
	}
	return nil
}
