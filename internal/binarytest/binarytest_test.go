package binarytest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
)

// TestMain lets this test binary stand in for maillage: with BINARYTEST_FAKE set, it answers
// /api/health on the --http address like `maillage serve` (or exits at once when the variable
// says "die"), and prints its arguments for any other command.
func TestMain(m *testing.M) {
	switch os.Getenv("BINARYTEST_FAKE") {
	case "":
		os.Exit(m.Run())
	case "die":
		fmt.Println("cannot open the data dir")
		os.Exit(3)
	}
	if len(os.Args) > 1 && os.Args[1] == "serve" {
		fmt.Println("serving", strings.Join(os.Args[1:], " "))
		http.HandleFunc("/api/health", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(`{"code":200}`)) })
		_ = http.ListenAndServe(os.Args[3], nil)
		os.Exit(1)
	}
	fmt.Println(strings.Join(os.Args[1:], " "))
	os.Exit(0)
}

// fake is a Server running this test binary as maillage.
func fake(t *testing.T, mode string) *Server {
	bin, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Bin: bin, Dir: t.TempDir(), Env: []string{"BINARYTEST_FAKE=" + mode}}
	t.Cleanup(s.Kill)
	return s
}

func TestStartKillAndStartAgainOnTheSameAddress(t *testing.T) {
	s := fake(t, "serve")
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	addr := s.Addr
	s.Kill()
	if _, err := http.Get(s.URL("/api/health")); err == nil {
		t.Fatal("the killed server still answers")
	}
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	if s.Addr != addr || !strings.Contains(s.Output(), "--dir "+s.Dir) {
		t.Fatalf("restarted on %s (was %s), output %q", s.Addr, addr, s.Output())
	}
	if !s.Stop(UpWithin) {
		t.Fatal("SIGTERM did not end the server")
	}
}

func TestAServerThatExitsIsAnErrorWithItsOutput(t *testing.T) {
	err := fake(t, "die").Start()
	if err == nil || !strings.Contains(err.Error(), "cannot open the data dir") {
		t.Fatalf("got %v, want the exit with the server's output", err)
	}
}

func TestRunPassesTheDataDir(t *testing.T) {
	s := fake(t, "serve")
	out, err := s.Run("superuser", "upsert", "a@example.org", "pw")
	if err != nil || strings.TrimSpace(string(out)) != "superuser upsert a@example.org pw --dir "+s.Dir {
		t.Fatalf("got %q, %v", out, err)
	}
}

func TestLogKeepsConcurrentWrites(t *testing.T) {
	var l Log
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				_, _ = l.Write([]byte("x"))
			}
		})
	}
	wg.Wait()
	if n := len(l.String()); n != 800 {
		t.Fatalf("kept %d bytes of 800", n)
	}
}

func TestCallAndSignIn(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in map[string]string
		_ = json.NewDecoder(r.Body).Decode(&in)
		if r.URL.Path != "/api/collections/users/auth-with-password" || in["password"] != "right" {
			http.Error(w, `{"message":"Failed to authenticate."}`, http.StatusBadRequest)
			return
		}
		_, _ = w.Write([]byte(`{"token":"tok","record":{"id":"u1"}}`))
	}))
	defer srv.Close()
	got, err := SignIn(context.Background(), srv.Client(), srv.URL, "users", "a@example.org", "right")
	if err != nil || got != (Account{ID: "u1", Token: "tok"}) {
		t.Fatalf("got %+v, %v", got, err)
	}
	_, err = SignIn(context.Background(), srv.Client(), srv.URL, "users", "a@example.org", "wrong")
	if err == nil || !strings.Contains(err.Error(), "400") || !strings.Contains(err.Error(), "Failed to authenticate") {
		t.Fatalf("a refused sign-in gave %v, want the status and the answer", err)
	}
}
