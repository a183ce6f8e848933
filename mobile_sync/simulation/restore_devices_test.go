package simulation

// A backup restored while devices hold unsent work (issue 13): devices (the Go reference
// client) sync, a backup is taken, more writes are acknowledged after it (the restore loses
// them on the server), devices queue offline work, the backup is restored with PocketBase's
// own restore, and the devices come back. docs/sync.md promises: the epoch changes, every
// device re-snapshots (reset "epoch"), keeps its outbox, and pushes again from its journal
// the mutations the server reports lost (lastMutationSeq below what it saw). So everything a
// device wrote lands exactly once; the only loss is what no device wrote (a write through the
// REST API after the backup), which every device drops at its re-snapshot.

import (
	"context"
	mrand "math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/server"
	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/client"
	s "github.com/maillage/maillage/schema"
)

// restoreRun is one run of the scenario: the server, three devices (a and b write, c only
// reads), the initiatives the server must hold at the end (id → name and description), the
// ids some device held just before the restore, and the id of the REST write the restore loses.
type restoreRun struct {
	sim       *Sim
	a, b, c   *device
	wires     map[*device]*deaf
	want      map[string]map[string]string
	deleted   map[string]bool
	held      map[string]bool
	restWrite string
}

// Nothing a device wrote is lost by a restore, nothing lands twice, every device ends with
// exactly what its user may read, and what the restore lost is exactly the REST write made
// after the backup (no device wrote it, so none can push it again).
func TestRestoreWithDevicesHoldingUnsentWork(t *testing.T) {
	run := runRestore(t, func() *deaf { return &deaf{} })
	for _, f := range run.sim.report.Failures {
		t.Error(f)
	}
	for d, wire := range run.wires {
		if got := wire.Resets(); !slices.Equal(got, []string{ms.ResetEpoch}) {
			t.Errorf("%s saw resets %v, want one %q after the restore", d.name, got, ms.ResetEpoch)
		}
	}
	if lost := run.lost(); !slices.Equal(lost, []string{run.restWrite}) {
		t.Errorf("the restore lost %v, want only the REST write made after the backup %s", lost, run.restWrite)
	}
}

// Negative controls: devices deaf to the epoch reset keep the record the restore lost (they
// diverge from the server), and devices deaf to the lower lastMutationSeq never push again
// what the server lost; the same checks catch both.
func TestRestoreControls(t *testing.T) {
	t.Run("reset ignored", func(t *testing.T) {
		run := runRestore(t, func() *deaf { return &deaf{noReset: true} })
		if !anyContains(run.sim.report.Failures, run.restWrite) {
			t.Errorf("devices that ignore the epoch reset still hold %s: the checks missed it: %v", run.restWrite, run.sim.report.Failures)
		}
		t.Logf("caught: %v", run.sim.report.Failures)
	})
	t.Run("lost mutations ignored", func(t *testing.T) {
		run := runRestore(t, func() *deaf { return &deaf{keepAcked: true} })
		if len(run.sim.report.Failures) == 0 {
			t.Error("devices that do not push the lost mutations again: the checks found nothing")
		}
		t.Logf("caught: %v", run.sim.report.Failures)
	})
}

func anyContains(failures []string, sub string) bool {
	return slices.ContainsFunc(failures, func(f string) bool { return strings.Contains(f, sub) })
}

// runRestore runs the scenario, each device over a transport of its own from transport.
func runRestore(t *testing.T, transport func() *deaf) *restoreRun {
	run := startRestoreRun(t, transport)
	run.beforeBackup()
	run.backup(t)
	run.afterBackup(t)
	run.offline(t)
	epoch := run.epoch(t)
	if err := run.sim.srv.restoreBackup("before.zip"); err != nil {
		t.Fatal(err)
	}
	if run.epoch(t) == epoch {
		t.Fatalf("the restored database kept its epoch %s", epoch)
	}
	run.syncAll()
	run.syncAll() // each device gets what the others pushed again
	run.check()
	return run
}

func startRestoreRun(t *testing.T, transport func() *deaf) *restoreRun {
	srv, err := StartServer(t.TempDir(), server.Config{Sync: syncConfig()}, catchRestart)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	w, err := NewWorld(srv.App(), 4) // users: facilitator, moderator, resident, facilitator
	if err != nil {
		t.Fatal(err)
	}
	sim := &Sim{srv: srv, world: w, rest: REST{BaseURL: srv.URL(), HTTP: &http.Client{Timeout: 30 * time.Second}}}
	run := &restoreRun{sim: sim, wires: map[*device]*deaf{}, want: map[string]map[string]string{}, deleted: map[string]bool{}, held: map[string]bool{}}
	newDevice := func(i int, name string, u *User) *device {
		wire := transport()
		d := &device{name: name, user: u, c: client.New(client.Options{
			BaseURL: srv.URL(), Token: u.Token, HTTP: &http.Client{Transport: wire, Timeout: 30 * time.Second},
			Rand: mrand.New(mrand.NewPCG(7, uint64(i))),
		})}
		run.wires[d] = wire
		sim.devices = append(sim.devices, d)
		return d
	}
	run.a, run.b, run.c = newDevice(1, "a", w.Users[0]), newDevice(2, "b", w.Users[3]), newDevice(3, "c", w.Users[2])
	return run
}

// beforeBackup: a and b each create a record, and every device gets both.
func (r *restoreRun) beforeBackup() {
	r.create(r.a, "a1")
	r.create(r.b, "b1")
	r.syncAll()
	r.syncAll()
}

func (r *restoreRun) backup(t *testing.T) {
	if err := r.sim.srv.App().CreateBackup(context.Background(), "before.zip"); err != nil {
		t.Fatalf("backup: %v", err)
	}
}

// afterBackup: acknowledged writes the restore will lose on the server: a creates a2 and
// renames a1, b creates b2, and a record is created through the REST API (as the web app
// would); every device gets them all.
func (r *restoreRun) afterBackup(t *testing.T) {
	a2 := r.create(r.a, "a2")
	r.update(r.a, r.ids("a1"), map[string]string{"name": "a1 renamed"})
	b2 := r.create(r.b, "b2")
	id, err := r.sim.rest.Create(s.Initiatives, r.a.user.Token, r.fields(r.a, "rest"))
	if err != nil {
		t.Fatalf("REST create: %v", err)
	}
	r.restWrite = id
	r.syncAll()
	r.syncAll()
	for _, d := range r.sim.devices {
		for _, id := range []string{a2, b2, r.restWrite} {
			if _, ok := d.c.ServerRow(s.Initiatives, id); !ok {
				t.Fatalf("%s does not hold %s before the restore", d.name, id)
			}
		}
	}
}

// offline: work that stays in the outboxes until after the restore: a creates a3 and edits
// a2 (created after the backup), b deletes b2 (created after the backup) and creates b3.
func (r *restoreRun) offline(t *testing.T) {
	for _, d := range r.sim.devices {
		for _, id := range d.c.ServerIDs(s.Initiatives) {
			r.held[id] = true
		}
	}
	r.create(r.a, "a3")
	r.update(r.a, r.ids("a2"), map[string]string{"description": "a2 edited offline"})
	if err := r.b.c.Delete(s.Initiatives, r.ids("b2")); err != nil {
		t.Fatal(err)
	}
	r.deleted[r.ids("b2")] = true
	delete(r.want, r.ids("b2"))
	r.create(r.b, "b3")
}

func (r *restoreRun) epoch(t *testing.T) string {
	info, err := r.c.c.Info(context.Background())
	if err != nil {
		t.Fatalf("info: %v", err)
	}
	return info.Epoch
}

func (r *restoreRun) syncAll() {
	for _, d := range r.sim.devices {
		_ = r.sim.sync(d) // a failure is recorded in the report
	}
}

// create queues a public initiative named name on d and expects it on the server.
func (r *restoreRun) create(d *device, name string) string {
	id, err := d.c.Create(s.Initiatives, r.fields(d, name))
	if err != nil {
		r.sim.fail("%s: create %s: %v", d.name, name, err)
	}
	r.want[id] = map[string]string{"name": name, "description": "<p>" + name + "</p>"}
	return id
}

func (r *restoreRun) fields(d *device, name string) map[string]any {
	return map[string]any{
		s.FieldAuthor: d.user.Rec.Id, s.FieldVisibility: s.VisibilityPublic, "name": name,
		"description": "<p>" + name + "</p>", "categories": r.sim.world.Categories[:1],
	}
}

func (r *restoreRun) update(d *device, id string, fields map[string]string) {
	raw := map[string]any{}
	for k, v := range fields {
		raw[k], r.want[id][k] = v, v
	}
	if err := d.c.Update(s.Initiatives, id, raw); err != nil {
		r.sim.fail("%s: update %s: %v", d.name, id, err)
	}
}

// ids returns the id of the record first created under name.
func (r *restoreRun) ids(name string) string {
	for id, f := range r.want {
		if f["name"] == name || f["name"] == name+" renamed" {
			return id
		}
	}
	panic("no record named " + name)
}

// check: every device converged to what its user may read with an empty outbox, the server
// stored one result per mutation of each writing device, every mutation was applied (none a
// duplicate, a conflict or a rejection), and the server holds exactly the expected records.
func (r *restoreRun) check() {
	for _, d := range r.sim.devices {
		r.sim.checkConverged(d)
	}
	for _, d := range []*device{r.a, r.b} {
		r.sim.checkStoredResults(d)
		for _, p := range d.c.Journal() {
			if p.Result == nil || p.Result.Status != ms.StatusApplied {
				r.sim.fail("%s: mutation %d (%s %s) ended %+v, want applied once", d.name, p.Mseq, p.Op, p.ID, p.Result)
			}
		}
	}
	r.checkServer()
}

// checkServer compares the server's initiatives with want, field by field.
func (r *restoreRun) checkServer() {
	recs, err := r.sim.srv.App().FindAllRecords(s.Initiatives)
	if err != nil {
		r.sim.fail("list initiatives: %v", err)
		return
	}
	got := map[string]map[string]string{}
	for _, rec := range recs {
		got[rec.Id] = map[string]string{"name": rec.GetString("name"), "description": rec.GetString("description")}
	}
	if a, b := mustJSON(got), mustJSON(r.want); string(a) != string(b) {
		r.sim.fail("server holds %s, want %s", a, b)
	}
}

// lost lists the records some device held before the restore, or queued, that neither the
// server nor any device holds at the end and that no device deleted.
func (r *restoreRun) lost() []string {
	onServer := map[string]bool{}
	recs, _ := r.sim.srv.App().FindAllRecords(s.Initiatives)
	for _, rec := range recs {
		onServer[rec.Id] = true
	}
	var lost []string
	for id := range r.held {
		if !onServer[id] && !r.deleted[id] && !r.heldAnywhere(id) {
			lost = append(lost, id)
		}
	}
	slices.Sort(lost)
	return lost
}

func (r *restoreRun) heldAnywhere(id string) bool {
	for _, d := range r.sim.devices {
		if _, ok := d.c.ServerRow(s.Initiatives, id); ok {
			return true
		}
	}
	return false
}
