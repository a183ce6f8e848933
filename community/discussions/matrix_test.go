package discussions_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// cell is one point of the rule matrix: a viewer doing an action on a record, on the list of
// a collection (r nil), or creating one (nc).
type cell struct {
	viewer person
	action string
	coll   string
	r      *rec
	nc     *newCase
}

func (c cell) String() string {
	name := c.viewer.name + " " + c.action + " " + c.coll
	switch {
	case c.r != nil:
		name += " " + c.r.label
	case c.nc != nil:
		name += " " + c.nc.label
	}
	return name
}

// newCase is a record to create: a thread (in the group or not), a post, or a comment on target.
type newCase struct {
	label  string
	coll   string
	target *rec
	group  bool
}

func newCases(w *world) []newCase {
	cases := []newCase{{label: "thread-public", coll: s.Threads}, {label: "thread-group", coll: s.Threads, group: true},
		{label: "post", coll: s.Posts}}
	for _, t := range w.targets {
		cases = append(cases, newCase{label: "comment-on-" + t.label, coll: s.Comments, target: t})
	}
	return cases
}

// body is the request body of creating nc as p.
func (nc newCase) body(w *world, p person) map[string]any {
	b := map[string]any{s.FieldAuthor: p.id, s.FieldDiscussionText: "Qui vient samedi ?"}
	switch nc.coll {
	case s.Comments:
		b[s.FieldCommentTarget], b[s.FieldCommentTargetID] = nc.target.coll, nc.target.id
	case s.Posts:
		b[s.FieldPostOrganisation], b[s.FieldDiscussionTitle] = w.org, "Assemblée générale"
	default:
		b[s.FieldDiscussionTitle] = "Composteur collectif"
		if nc.group {
			b[s.FieldVisibility], b[s.FieldCommunity] = s.VisibilityCommunity, w.groupID
		}
	}
	return b
}

// outcome is what a cell answers: the HTTP status and the ids listed, viewed or changed (for
// a creation, the new record's status).
type outcome struct {
	status int
	ids    []string
}

func (o outcome) String() string { return fmt.Sprintf("%d %v", o.status, o.ids) }

func (o outcome) equal(p outcome) bool { return o.status == p.status && slices.Equal(o.ids, p.ids) }

var matrixColls = []string{s.Threads, s.Posts, s.Comments}

// cells lists the cells of p: lists, views, updates, status changes, creations, then deletes
// (replies before the comments they answer, comments before threads) so that no cell needs a
// record an earlier one deleted.
func cells(w *world, p person) []cell {
	var out []cell
	for _, coll := range matrixColls {
		out = append(out, cell{viewer: p, action: actList, coll: coll})
	}
	for _, action := range []string{actView, actUpdate, actSetStatus} {
		for _, r := range w.records {
			out = append(out, cell{viewer: p, action: action, coll: r.coll, r: r})
		}
	}
	for _, nc := range newCases(w) {
		out = append(out, cell{viewer: p, action: actCreate, coll: nc.coll, nc: &nc})
	}
	for _, coll := range []string{s.Comments, s.Threads, s.Posts} {
		for i := len(w.records) - 1; i >= 0; i-- {
			if r := w.records[i]; r.coll == coll {
				out = append(out, cell{viewer: p, action: actDelete, coll: coll, r: r})
			}
		}
	}
	return out
}

// expected is m's answer for c.
func (m model) expected(w *world, c cell) outcome {
	switch c.action {
	case actList:
		var ids []string
		for _, r := range w.records {
			if r.coll == c.coll && m.reads(c.viewer, r) {
				ids = append(ids, r.id)
			}
		}
		slices.Sort(ids)
		return outcome{status: http.StatusOK, ids: ids}
	case actCreate:
		if !m.creates(c.viewer, c.coll, c.nc.target, c.nc.group) {
			return outcome{status: http.StatusBadRequest}
		}
		return outcome{status: http.StatusOK, ids: []string{initialStatus(c.viewer)}}
	}
	st := m.statusOf(c.action, c.viewer, c.r)
	if st == http.StatusOK {
		return outcome{status: st, ids: []string{c.r.id}}
	}
	return outcome{status: st}
}

// run asks the server for c's answer.
func run(t *testing.T, srv *synctest.Srv, w *world, c cell) outcome {
	t.Helper()
	u := &synctest.User{Srv: srv, Token: c.viewer.token}
	base := "/api/collections/" + c.coll + "/records"
	var status int
	var data []byte
	var err error
	switch c.action {
	case actList:
		status, data, err = u.Call(http.MethodGet, base+"?perPage=500&skipTotal=1", nil)
	case actView:
		status, data, err = u.Call(http.MethodGet, base+"/"+c.r.id, nil)
	case actUpdate:
		status, data, err = u.Call(http.MethodPatch, base+"/"+c.r.id, map[string]any{s.FieldDiscussionText: "Modifié"})
	case actSetStatus:
		status, data, err = u.Call(http.MethodPatch, base+"/"+c.r.id, map[string]any{s.FieldStatus: s.StatusRejected})
	case actDelete:
		status, data, err = u.Call(http.MethodDelete, base+"/"+c.r.id, nil)
	case actCreate:
		status, data, err = u.Call(http.MethodPost, base, c.nc.body(w, c.viewer))
	}
	if err != nil {
		t.Fatalf("%s: %v", c, err)
	}
	return decode(t, c, status, data)
}

// decode reads the ids (or a new record's status) of a 200 answer.
func decode(t *testing.T, c cell, status int, data []byte) outcome {
	t.Helper()
	o := outcome{status: status}
	if status != http.StatusOK {
		return o
	}
	var body struct {
		ID     string                `json:"id"`
		Status string                `json:"status"`
		Items  []struct{ ID string } `json:"items"`
	}
	if err := json.Unmarshal(data, &body); err != nil {
		t.Fatalf("%s: decode %s: %v", c, data, err)
	}
	switch c.action {
	case actList:
		for _, it := range body.Items {
			o.ids = append(o.ids, it.ID)
		}
		slices.Sort(o.ids)
	case actCreate:
		o.ids = []string{body.Status}
	default:
		o.ids = []string{body.ID}
	}
	return o
}
