package loadtest

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"
)

// MemorySampler follows a process's resident memory while a run lasts.
type MemorySampler struct {
	pid  int
	mu   sync.Mutex
	max  float64
	stop context.CancelFunc
	done chan struct{}
}

// SampleMemory reads the process's VmRSS every half second until Stop.
func SampleMemory(pid int) *MemorySampler {
	ctx, stop := context.WithCancel(context.Background())
	m := &MemorySampler{pid: pid, stop: stop, done: make(chan struct{})}
	go func() {
		defer close(m.done)
		for tick := time.NewTicker(500 * time.Millisecond); ; {
			if mem, err := ReadMemory(pid); err == nil {
				m.mu.Lock()
				m.max = max(m.max, mem.RSS)
				m.mu.Unlock()
			}
			select {
			case <-ctx.Done():
				tick.Stop()
				return
			case <-tick.C:
			}
		}
	}()
	return m
}

// Stop ends the sampling and returns the largest RSS seen and the process's memory now.
func (m *MemorySampler) Stop() (maxRSS float64, now Memory) {
	m.stop()
	<-m.done
	now, _ = ReadMemory(m.pid)
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.max, now
}

// Machine describes where a run happened: processors and load average.
func Machine() string {
	load, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(load))
	if len(f) > 3 {
		f = f[:3]
	}
	return fmt.Sprintf("nproc %d, load average %s", runtime.NumCPU(), strings.Join(f, " "))
}

// Summary is the headline of a run.
type Summary struct {
	Devices  int
	Elapsed  time.Duration
	Ops      int
	Errors   int
	MaxRSS   float64 // MB, sampled during the run
	PeakRSS  float64 // MB, VmHWM at the end (the process's whole life)
	Pokes    int64
	Machine  string
	Contribs int
	CPU      time.Duration // the server's processor time over the run
}

// Summarise totals a run's figures.
func Summarise(res *Result, elapsed time.Duration) Summary {
	s := Summary{Devices: len(res.Devices), Elapsed: elapsed, Errors: res.Recorder.Errors(), Machine: Machine()}
	for _, st := range res.Recorder.Stats() {
		s.Ops += st.Count
	}
	for _, d := range res.Devices {
		s.Pokes += d.Pokes()
		s.Contribs += len(d.Contributions())
	}
	return s
}

// Write prints the summary line.
func (s Summary) Write(w io.Writer) {
	fmt.Fprintf(w, "%d devices, %v, %d operations (%.1f/s), %d errors, %d contributions, %d pokes heard; server RSS max %.0f MB, peak (VmHWM) %.0f MB; server CPU %.1f s (%.2f cpu-ms per operation); %s\n",
		s.Devices, s.Elapsed.Round(time.Second), s.Ops, float64(s.Ops)/s.Elapsed.Seconds(), s.Errors,
		s.Contribs, s.Pokes, s.MaxRSS, s.PeakRSS, s.CPU.Seconds(), float64(s.CPU.Microseconds())/1000/float64(max(s.Ops, 1)), s.Machine)
}
