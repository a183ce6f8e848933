// Package debugpprof serves Go's profiler (net/http/pprof) on a loopback address when the
// environment names one, for measuring the server under load (loadtest/, BENCHMARKS.md):
//
//	MAILLAGE_PPROF=127.0.0.1:6060 maillage serve
//	go tool pprof http://127.0.0.1:6060/debug/pprof/profile?seconds=30
//	curl http://127.0.0.1:6060/debug/memory # Go's memory limit, SQLite's memory
//
// Unset, nothing is served. Only loopback addresses are accepted: profiles show the data.
package debugpprof

import (
	"encoding/json"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"runtime/debug"

	"github.com/maillage/maillage/internal/sqlitemem"
)

// EnvVar names the address to serve the profiler on.
const EnvVar = "MAILLAGE_PPROF"

// ListenFromEnv starts the profiler's server in the background when EnvVar is set.
func ListenFromEnv() {
	addr := os.Getenv(EnvVar)
	if addr == "" {
		return
	}
	if err := checkLoopback(addr); err != nil {
		log.Fatalf("%s: %v", EnvVar, err)
	}
	go func() { log.Println(http.ListenAndServe(addr, Handler())) }()
}

// Handler serves the profiles under /debug/pprof/.
func Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	mux.HandleFunc("/debug/memory", serveMemory)
	return mux
}

// Memory is what /debug/memory serves: the limits the process runs under and what SQLite
// holds, outside Go's heap (so not in the heap profile).
type Memory struct {
	// GoLimit is Go's soft memory limit (GOMEMLIMIT, or main's default), in bytes.
	GoLimit int64 `json:"goLimit"`
	// SQLite is SQLite's memory status.
	SQLite sqlitemem.Status `json:"sqlite"`
}

// serveMemory writes Memory as JSON.
func serveMemory(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(Memory{GoLimit: debug.SetMemoryLimit(-1), SQLite: sqlitemem.ReadStatus()})
}

// checkLoopback refuses an address whose host is not a loopback IP.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("%q is not a loopback address (e.g. 127.0.0.1:6060)", addr)
	}
	return nil
}
