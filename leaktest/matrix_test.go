package leaktest

import (
	"strings"
	"sync"
	"testing"
	"time"
)

// run calls every read path of the table as every viewer (viewers in parallel, each path
// in turn).
func (m *matrix) run(paths []readPath) {
	var wg sync.WaitGroup
	for _, v := range m.w.viewers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, p := range paths {
				start := time.Now()
				p.run(m, v)
				m.took(p.family, time.Since(start))
			}
		}()
	}
	wg.Wait()
}

// TestLeakMatrix builds the world, calls every read path as every viewer and fails on every
// canary the oracle forbids, printed viewer × path × canary. Every path family must also
// deliver canaries the viewer may read: a path that answers nothing would pass vacuously.
func TestLeakMatrix(t *testing.T) {
	w := newWorld(t)
	m := newMatrix(w)
	m.run(readPaths)
	realtime(t, m)
	notifications(t, m)
	m.report(t, 200)
	for _, p := range append(readPaths, readPath{family: "realtime"}, readPath{family: "push"}) {
		if !probing[p.family] && m.seenIn(p.family) == 0 {
			t.Errorf("path family %s delivered no canary to anyone: the matrix proves nothing there", p.family)
		}
	}
	t.Log(m.summary())
	t.Log("time per family, summed over viewers run in parallel: ", m.durations)
}

// probing are the families that answer ids, not values: they find leaks by what a filter or a
// sort answers, and their negative control shows they are live.
var probing = map[string]bool{"filter": true, "sort": true}

// seenIn counts the allowed canaries seen on the paths of family (its variants included).
func (m *matrix) seenIn(family string) int {
	n := 0
	for f, c := range m.seen {
		if f == family || strings.HasPrefix(f, family+"+") {
			n += c
		}
	}
	return n
}
