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
// revision or in a syncConflicts row of that mutation. The outcome is the one the server stored
// with the mutation (the device may have lost the answer), and must agree with the device's.
func (sim *Sim) checkAcknowledged(d *device) {
	for _, p := range d.c.Journal() {
		sim.report.Acknowledged++
		res, ok := sim.storedResult(d, p.Mseq)
		if !ok {
			continue
		}
		sim.report.Statuses[res.Status]++
		if got := clientStatus(p.Result); got != "" && got != res.Status {
			sim.fail("%s: mutation %d answered %s, stored as %s", d.name, p.Mseq, got, res.Status)
		}
		conflicts := sim.conflictRows(d.c.ID(), p.Mseq)
		switch {
		case res.Status == ms.StatusRejected:
			if !slices.ContainsFunc(conflicts, func(c conflictRow) bool { return c.Kind == s.ConflictRejected }) {
				sim.fail("%s: mutation %d rejected (%s) without a syncConflicts row", d.name, p.Mseq, res.Message)
			}
		case res.Status == ms.StatusSuggested:
			sim.checkSuggested(d, p, res.Suggestion)
		case p.Op == ms.OpDelete:
			sim.checkDeleted(d, p, res.Status, conflicts)
		default:
			sim.checkFields(d, p, res.Status, conflicts)
		}
	}
}

// checkFields checks each field value of an acknowledged create or update.
func (sim *Sim) checkFields(d *device, p client.Pending, status string, conflicts []conflictRow) {
	for f, v := range p.Fields {
		if !sim.kept(p, f, v, conflicts) {
			sim.fail("%s: LOST: mutation %d (%s %s/%s, %s) field %s = %s is in no revision and no conflict",
				d.name, p.Mseq, p.Op, p.C, p.ID, status, f, v)
		}
	}
}

// checkSuggested checks that an update kept as a suggested edit has its values in the
// suggestion the result names.
func (sim *Sim) checkSuggested(d *device, p client.Pending, id string) {
	var raw string
	err := sim.srv.App().DB().Select(s.FieldSuggestionFields).From(s.Suggestions).Where(dbx.HashExp{"id": id}).Row(&raw)
	var kept map[string]json.RawMessage
	if err == nil {
		err = json.Unmarshal([]byte(raw), &kept)
	}
	if err != nil {
		sim.fail("%s: LOST: mutation %d suggested as %q, which holds nothing: %v", d.name, p.Mseq, id, err)
		return
	}
	for f, v := range p.Fields {
		if !sameValueJSON(kept[f], v) {
			sim.fail("%s: LOST: mutation %d (suggested as %s) field %s = %s is not in the suggestion", d.name, p.Mseq, id, f, v)
		}
	}
}

// sameValueJSON compares two JSON values once decoded.
func sameValueJSON(a, b json.RawMessage) bool {
	var x, y any
	return json.Unmarshal(a, &x) == nil && json.Unmarshal(b, &y) == nil && reflect.DeepEqual(x, y)
}

// clientStatus is the first outcome of a mutation as the device saw it, "" if it never did.
func clientStatus(r *ms.Result) string {
	switch {
	case r == nil:
		return ""
	case r.Status == ms.StatusDuplicate:
		return r.OriginalStatus // "" when the server no longer held the first outcome
	}
	return r.Status
}

// storedResult reads the result the server stored with a mutation of d.
func (sim *Sim) storedResult(d *device, mseq int64) (ms.Result, bool) {
	var raw string
	err := sim.srv.App().DB().NewQuery("SELECT result FROM _sync_mutations WHERE clientId = {:c} AND mseq = {:m}").
		Bind(dbx.Params{"c": d.c.ID(), "m": mseq}).Row(&raw)
	var res ms.Result
	if err == nil {
		err = json.Unmarshal([]byte(raw), &res)
	}
	if err != nil {
		sim.fail("%s: mutation %d is acknowledged, but the server holds no result for it: %v", d.name, mseq, err)
		return res, false
	}
	return res, true
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
func (sim *Sim) checkDeleted(d *device, p client.Pending, status string, conflicts []conflictRow) {
	if len(conflicts) > 0 {
		return
	}
	rec, err := sim.srv.App().FindRecordById(p.C, p.ID)
	if err == nil && !rec.GetBool(s.FieldDeleted) {
		sim.fail("%s: delete %d of %s/%s (%s) acknowledged, but the record is still there", d.name, p.Mseq, p.C, p.ID, status)
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
