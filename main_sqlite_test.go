package main

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/maillage/maillage/internal/binarytest"
	"github.com/maillage/maillage/internal/debugpprof"
	"github.com/maillage/maillage/internal/sqlitemem"
)

// The server limits SQLite's memory before its first database opens: 32 MiB by default, what
// --sqlite-memory-mb says otherwise, none with 0 (the control: a server that never set the
// limit reads as 0 too).
func TestBinaryLimitsSQLite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	cases := []struct {
		flags []string
		want  int64
	}{
		{nil, 32 << 20},
		{[]string{"--sqlite-memory-mb", "8"}, 8 << 20},
		{[]string{"--sqlite-memory-mb", "0"}, 0},
	}
	for _, c := range cases {
		st := sqliteStatus(t, bin, c.flags)
		if st.SoftLimit != c.want {
			t.Errorf("flags %v: SQLite's soft limit %d, want %d", c.flags, st.SoftLimit, c.want)
		}
		if st.MemoryUsed == 0 {
			t.Errorf("flags %v: SQLite counts no memory: the accounting the limit needs is off", c.flags)
		}
	}
}

// sqliteStatus starts the server with flags and reads SQLite's status from its profiler.
func sqliteStatus(t *testing.T, bin string, flags []string) sqlitemem.Status {
	t.Helper()
	addr, err := binarytest.FreeAddr()
	if err != nil {
		t.Fatal(err)
	}
	srv := &binarytest.Server{Bin: bin, Dir: t.TempDir(), Args: flags, Env: []string{debugpprof.EnvVar + "=" + addr}}
	defer srv.Kill()
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	res, err := http.Get("http://" + addr + "/debug/sqlite")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var st sqlitemem.Status
	if err := json.NewDecoder(res.Body).Decode(&st); err != nil {
		t.Fatalf("/debug/sqlite: %v", err)
	}
	return st
}
