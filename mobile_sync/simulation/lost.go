package simulation

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"

	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/client"
	s "github.com/maillage/maillage/schema"
)

// checkAcknowledged checks that every value d's server acknowledged is in the record at some
// revision or in a syncConflicts row of that mutation.
func (sim *Sim) checkAcknowledged(d *device) {
	for _, p := range d.c.Journal() {
		sim.report.Acknowledged++
		if p.Result == nil {
			continue // acknowledged by a later answer's lastMutationSeq; its result was lost
		}
		conflicts := sim.conflictRows(d.c.ID(), p.Mseq)
		switch {
		case p.Result.Status == ms.StatusRejected || p.Result.OriginalStatus == ms.StatusRejected:
			if !slices.ContainsFunc(conflicts, func(c conflictRow) bool { return c.Kind == s.ConflictRejected }) {
				sim.fail("%s: mutation %d rejected (%s) without a syncConflicts row", d.name, p.Mseq, p.Result.Message)
			}
		case p.Op == ms.OpDelete:
			sim.checkDeleted(d, p, conflicts)
		default:
			for f, v := range p.Fields {
				if !sim.kept(p, f, v, conflicts) {
					sim.fail("%s: LOST: mutation %d (%s %s/%s, %s) field %s = %s is in no revision and no conflict",
						d.name, p.Mseq, p.Op, p.C, p.ID, p.Result.Status, f, v)
				}
			}
		}
	}
}

// kept reports whether the value v of field f sent by p is in a revision or a conflict row.
// Set fields keep their added elements; text fields their new paragraphs.
func (sim *Sim) kept(p client.Pending, f string, v json.RawMessage, conflicts []conflictRow) bool {
	for _, c := range conflicts {
		if c.Field == f || c.Field == "" {
			return true
		}
	}
	for _, rev := range sim.hist.Revisions(p.C, p.ID) {
		if containsValue(f, rev[f], v, p.Base[f]) {
			return true
		}
	}
	return false
}

// containsValue reports whether the stored value got holds what the client sent.
func containsValue(field string, got, sent, base json.RawMessage) bool {
	switch field {
	case "categories":
		var g, sn, b []string
		_ = json.Unmarshal(got, &g)
		_ = json.Unmarshal(sent, &sn)
		_ = json.Unmarshal(base, &b)
		for _, x := range sn {
			if !slices.Contains(b, x) && !slices.Contains(g, x) {
				return false
			}
		}
		return true
	case "description":
		var g, sn, b string
		_ = json.Unmarshal(got, &g)
		_ = json.Unmarshal(sent, &sn)
		_ = json.Unmarshal(base, &b)
		for _, para := range strings.Split(sn, "\n\n") {
			if !strings.Contains(b, para) && !strings.Contains(g, para) {
				return false
			}
		}
		return true
	}
	var x, y any
	return json.Unmarshal(got, &x) == nil && json.Unmarshal(sent, &y) == nil && reflect.DeepEqual(x, y)
}

// checkDeleted: an acknowledged delete left the record gone or soft-deleted, or a conflict.
func (sim *Sim) checkDeleted(d *device, p client.Pending, conflicts []conflictRow) {
	if len(conflicts) > 0 {
		return
	}
	rec, err := sim.srv.App().FindRecordById(p.C, p.ID)
	if err == nil && !rec.GetBool(s.FieldDeleted) {
		sim.fail("%s: delete %d of %s/%s (%s) acknowledged, but the record is still there", d.name, p.Mseq, p.C, p.ID, p.Result.Status)
	}
}

type conflictRow struct {
	Kind  string `db:"kind"`
	Field string `db:"field"`
}

func (sim *Sim) conflictRows(clientID string, mseq int64) []conflictRow {
	var rows []conflictRow
	err := sim.srv.App().DB().Select(s.FieldConflictKind, s.FieldConflictField).From(s.SyncConflicts).
		Where(dbx.HashExp{s.FieldConflictClientID: clientID, s.FieldConflictMseq: mseq}).All(&rows)
	if err != nil {
		sim.fail("read conflicts of %s/%d: %v", clientID, mseq, err)
	}
	return rows
}

// checkOnce checks that the server stored exactly one result per mutation of each device
// (mseq 1..n, no gap, no double), and that no description paragraph was applied twice.
func (sim *Sim) checkOnce() {
	for _, d := range sim.devices {
		if d.user == nil {
			continue
		}
		var seqs []int64
		err := sim.srv.App().DB().NewQuery("SELECT mseq FROM _sync_mutations WHERE clientId = {:c} ORDER BY mseq").
			Bind(dbx.Params{"c": d.c.ID()}).Column(&seqs)
		if err != nil {
			sim.fail("%s: read _sync_mutations: %v", d.name, err)
			continue
		}
		j := d.c.Journal()
		if len(seqs) != len(j) {
			sim.fail("%s: server stored %d mutation results, the device made %d", d.name, len(seqs), len(j))
		}
		for i, m := range seqs {
			if m != int64(i+1) {
				sim.fail("%s: stored mseqs are not 1..n: %v", d.name, seqs)
				break
			}
		}
	}
	sim.checkParagraphs()
}

// checkParagraphs: every tagged paragraph appears at most once in a description.
func (sim *Sim) checkParagraphs() {
	for _, coll := range content {
		var descs []string
		if err := sim.srv.App().RecordQuery(coll).Select("description").Column(&descs); err != nil {
			sim.fail("read %s descriptions: %v", coll, err)
			continue
		}
		for _, desc := range descs {
			seen := map[string]bool{}
			for _, para := range strings.Split(desc, "\n\n") {
				tag, _, _ := strings.Cut(para, "]")
				if seen[tag] && tag != "" {
					sim.fail("%s: paragraph %s] applied twice in %q", coll, tag, desc)
				}
				seen[tag] = true
			}
		}
	}
}
