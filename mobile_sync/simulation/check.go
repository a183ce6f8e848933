package simulation

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"time"

	ms "github.com/maillage/maillage/mobile_sync"
)

// leakCheck returns the OnChanges hook of d: at the moment a page arrives, every put must be
// a record d's user may view through the REST API, serialised exactly as the API does, and
// every remove a record they may not view.
func (sim *Sim) leakCheck(d *device) func([]ms.Change) {
	return func(changes []ms.Change) {
		for _, ch := range changes {
			rec, ok, err := sim.rest.View(ch.C, ch.ID, d.token())
			switch {
			case err != nil:
				sim.fail("%s: leak check of %s/%s: %v", d.name, ch.C, ch.ID, err)
			case ch.Op == ms.OpPut && !ok:
				sim.fail("%s: LEAK: received %s/%s (rev %d) that its user may not view", d.name, ch.C, ch.ID, ch.Rev)
			case ch.Op == ms.OpPut && !sameJSON(ch.R, rec):
				sim.fail("%s: %s/%s differs from the REST API: sync %s, REST %s", d.name, ch.C, ch.ID, ch.R, mustJSON(rec))
			case ch.Op == ms.OpRemove && ok:
				sim.fail("%s: remove of %s/%s that its user may view", d.name, ch.C, ch.ID)
			}
		}
	}
}

// heal ends every fault, resends the delayed copies, and syncs every device until a whole
// round pushes nothing and fails nowhere, so that each device has pulled after the last push.
func (sim *Sim) heal() {
	for _, d := range sim.devices {
		d.tr.SetFaults(Faults{})
		d.tr.SetPartitioned(false)
	}
	sim.busy.Wait()
	for _, d := range sim.devices {
		d.tr.Flush()
	}
	sim.trace("healed")
	for round := 0; round < 20; round++ {
		quiet := true
		for _, d := range sim.devices {
			pending := len(d.c.Outbox())
			if err := sim.sync(d); err != nil || pending > 0 {
				quiet = false
			}
		}
		if quiet {
			return
		}
	}
	sim.fail("devices did not settle in 20 sync rounds after healing")
}

// check runs the invariants that hold once the network healed.
func (sim *Sim) check() {
	for _, d := range sim.devices {
		sim.checkConverged(d)
		sim.checkAcknowledged(d)
	}
	sim.checkOnce()
}

// checkConverged compares what d holds with what the REST API lists for its user.
func (sim *Sim) checkConverged(d *device) {
	if n := len(d.c.Outbox()); n > 0 {
		sim.fail("%s: %d mutations still in the outbox after healing", d.name, n)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	info, err := d.c.Info(ctx)
	if err != nil {
		sim.fail("%s: info: %v", d.name, err)
		return
	}
	for _, coll := range info.Collections {
		want, err := sim.rest.List(coll, d.token())
		if err != nil {
			sim.fail("%s: REST list %s: %v", d.name, coll, err)
			continue
		}
		got := d.c.ServerIDs(coll)
		if !slices.Equal(got, sortedKeys(want)) {
			sim.fail("%s: %s: holds %d records %v, its user may read %d %v", d.name, coll, len(got), diff(got, sortedKeys(want)), len(want), diff(sortedKeys(want), got))
			continue
		}
		for _, id := range got {
			row, _ := d.c.ServerRow(coll, id)
			if !sameJSON(mustJSON(row.R), want[id]) {
				sim.fail("%s: %s/%s: holds %s, REST has %s", d.name, coll, id, mustJSON(row.R), mustJSON(want[id]))
			}
		}
	}
}

// sameJSON compares two JSON documents by value.
func sameJSON(a json.RawMessage, b map[string]json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(mustJSON(b), &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

func mustJSON(v any) json.RawMessage {
	b, _ := json.Marshal(v) // maps of raw JSON always marshal
	return b
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// diff returns the elements of a not in b.
func diff(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}
