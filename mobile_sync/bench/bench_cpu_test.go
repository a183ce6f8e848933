package bench

import (
	"syscall"
	"testing"
	"time"
)

// cpuMeter measures the CPU time the process (server and clients together) spends over a
// benchmark: on a machine shared with other work, wall-clock times stretch with the load, CPU
// time much less.
type cpuMeter struct{ start time.Duration }

func startCPU() cpuMeter { return cpuMeter{start: cpuTime()} }

// report adds the CPU milliseconds per iteration to b's results.
func (m cpuMeter) report(b *testing.B) {
	if b.N > 0 {
		b.ReportMetric(float64(cpuTime()-m.start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
