package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/client"
	s "github.com/maillage/maillage/schema"
)

// pushSize is the number of creates of the push benchmark.
const pushSize = 500

// BenchmarkPush500: 500 new initiatives of the benchmark user, through one sync push (exactly
// once, conflict-checked, change-logged) and through one stock batch request of 500 creates.
// The batch API is limited to 100 requests by Maillage's settings; the benchmark raises it to
// 500 so that both paths write the same 500 records in one request and one transaction.
func BenchmarkPush500(b *testing.B) {
	f := getFixture(b, 15000, 5000)
	f.srv.App().Settings().Batch.MaxRequests = pushSize
	n := 0
	b.Run("stock-batch", func(b *testing.B) {
		cpu := startCPU()
		defer cpu.report(b)
		for b.Loop() {
			n++
			stockBatch(b, f, n)
		}
	})
	b.Run("sync-push", func(b *testing.B) {
		cpu := startCPU()
		defer cpu.report(b)
		for b.Loop() {
			n++
			syncPush(b, f, n)
		}
	})
}

// newInitiative is the body of the i-th initiative created by run.
func newInitiative(f *fixture, run, i int) map[string]any {
	return map[string]any{
		"name": fmt.Sprintf("Repair café %d-%d", run, i), "address": "12 rue de la République, 93200 Saint-Denis",
		"description": about, "openingHours": "samedi 10:00 - 13:00", s.FieldVisibility: s.VisibilityPublic,
		s.FieldAuthor: f.user, "contact": "repair@example.org",
	}
}

func syncPush(b *testing.B, f *fixture, run int) {
	b.StopTimer()
	c := client.New(client.Options{BaseURL: f.srv.URL(), Token: f.token, HTTP: f.http, Collections: []string{s.Initiatives}, PushBatch: pushSize})
	for i := range pushSize {
		if _, err := c.Create(s.Initiatives, newInitiative(f, run, i)); err != nil {
			b.Fatal(err)
		}
	}
	b.StartTimer()
	if err := c.Push(context.Background()); err != nil {
		b.Fatalf("push: %v", err)
	}
	b.StopTimer()
	j := c.Journal()
	if len(j) != pushSize || j[len(j)-1].Result == nil || j[len(j)-1].Result.Status != ms.StatusApplied {
		b.Fatalf("push acknowledged %d of %d mutations, last %+v", len(j), pushSize, j[len(j)-1].Result)
	}
	b.StartTimer()
}

func stockBatch(b *testing.B, f *fixture, run int) {
	b.StopTimer()
	reqs := make([]map[string]any, pushSize)
	for i := range reqs {
		reqs[i] = map[string]any{"method": http.MethodPost, "url": "/api/collections/" + s.Initiatives + "/records", "body": newInitiative(f, run, i)}
	}
	body, _ := json.Marshal(map[string]any{"requests": reqs}) // plain maps always marshal
	req, _ := http.NewRequest(http.MethodPost, f.srv.URL()+"/api/batch", bytes.NewReader(body))
	req.Header.Set("Authorization", f.token)
	req.Header.Set("Content-Type", "application/json")
	b.StartTimer()
	res, err := f.http.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	var out []struct {
		Status int `json:"status"`
	}
	err = json.NewDecoder(res.Body).Decode(&out)
	res.Body.Close()
	b.StopTimer()
	if err != nil || res.StatusCode != http.StatusOK || len(out) != pushSize || out[pushSize-1].Status != http.StatusOK {
		b.Fatalf("batch: %s, %d results, %v", res.Status, len(out), err)
	}
	b.StartTimer()
}
