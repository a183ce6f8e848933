package main

import (
	"encoding/json"
	"math"
	"net/http"
	"testing"

	"github.com/maillage/maillage/internal/binarytest"
	"github.com/maillage/maillage/internal/debugpprof"
)

// The server bounds its memory before its first database opens: SQLite to 32 MiB by default,
// to what --sqlite-memory-mb says otherwise, not at all with 0 (nor does it count SQLite's
// memory then); Go to 150 MiB unless GOMEMLIMIT is set ("off": none). The controls are the
// unbounded cases: a server that never set a limit reads as they do.
func TestBinaryBoundsItsMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	cases := []struct {
		flags, env      []string
		sqlite, goLimit int64
	}{
		{nil, nil, 32 << 20, 150 << 20},
		{[]string{"--sqlite-memory-mb", "8"}, []string{"GOMEMLIMIT=200MiB"}, 8 << 20, 200 << 20},
		{[]string{"--sqlite-memory-mb", "0"}, []string{"GOMEMLIMIT=off"}, 0, math.MaxInt64},
	}
	for _, c := range cases {
		m := serverMemory(t, bin, c.flags, c.env)
		if m.SQLite.SoftLimit != c.sqlite || m.GoLimit != c.goLimit {
			t.Errorf("flags %v, env %v: SQLite's limit %d, Go's %d; want %d and %d", c.flags, c.env, m.SQLite.SoftLimit, m.GoLimit, c.sqlite, c.goLimit)
		}
		if counted := m.SQLite.MemoryUsed > 0; counted != (c.sqlite > 0) {
			t.Errorf("flags %v: SQLite counts %d bytes; its accounting should be on exactly when it is limited", c.flags, m.SQLite.MemoryUsed)
		}
	}
}

// serverMemory starts the server with flags and env and reads its memory from its profiler.
func serverMemory(t *testing.T, bin string, flags, env []string) debugpprof.Memory {
	t.Helper()
	addr, err := binarytest.FreeAddr()
	if err != nil {
		t.Fatal(err)
	}
	env = append([]string{"GOMEMLIMIT=", debugpprof.EnvVar + "=" + addr}, env...)
	srv := &binarytest.Server{Bin: bin, Dir: t.TempDir(), Args: flags, Env: env}
	defer srv.Kill()
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	res, err := http.Get("http://" + addr + "/debug/memory")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var m debugpprof.Memory
	if err := json.NewDecoder(res.Body).Decode(&m); err != nil {
		t.Fatalf("/debug/memory: %v", err)
	}
	return m
}
