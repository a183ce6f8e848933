package conversations_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// seen and unseen are the outcomes of a list cell: whether the fixture's row is listed.
const (
	unseen = 0
	seen   = 1
)

// request is what a cell sends: method, path and body, made for user u on fixture f.
type request func(w *world, f fixture, u *synctest.User) (method, path string, body any)

// row is one line of the matrix: an action on a collection and its outcome for each column
// (anonymous, other, participant, author, moderator): a status, or seen/unseen for a list.
// Statuses are PocketBase's (404 for a record the rules hide, 403 for a locked action) as
// hooks/refusals.go explains them for a record the requester sees: 403 when it is not theirs
// to change, 400 when one body field is refused.
type row struct {
	collection, action string
	req                request // nil for a list
	want               [5]int
}

func records(c string) string    { return "/api/collections/" + c + "/records" }
func record(c, id string) string { return records(c) + "/" + id }
func without(ids []string, id string) []string {
	return slices.DeleteFunc(slices.Clone(ids), func(x string) bool { return x == id })
}

var matrix = []row{
	{s.Conversations, "list", nil, [5]int{unseen, unseen, seen, seen, unseen}},
	{s.Conversations, "view", view(func(f fixture) *core.Record { return f.conv }), [5]int{404, 404, 200, 200, 404}},
	{s.Conversations, "create", func(w *world, f fixture, u *synctest.User) (string, string, any) {
		return http.MethodPost, records(s.Conversations), map[string]any{"author": u.ID(), "participants": []string{u.ID(), w.stranger.ID()}}
	}, [5]int{400, 200, 200, 200, 200}},
	{s.Conversations, "create in another's name", func(w *world, f fixture, u *synctest.User) (string, string, any) {
		return http.MethodPost, records(s.Conversations), map[string]any{"author": w.stranger.ID(), "participants": []string{u.ID(), w.stranger.ID()}}
	}, [5]int{400, 400, 400, 400, 400}},
	{s.Conversations, "change the subject", patch(s.Conversations, func(w *world, f fixture, u *synctest.User) (*core.Record, map[string]any) {
		return f.conv, map[string]any{"subject": "autre"}
	}), [5]int{404, 404, 400, 200, 404}},
	{s.Conversations, "leave", patch(s.Conversations, func(w *world, f fixture, u *synctest.User) (*core.Record, map[string]any) {
		return f.conv, map[string]any{"participants": without(f.conv.GetStringSlice("participants"), u.ID())}
	}), [5]int{404, 404, 200, 200, 404}},
	{s.Conversations, "add a stranger", patch(s.Conversations, func(w *world, f fixture, u *synctest.User) (*core.Record, map[string]any) {
		return f.conv, map[string]any{"participants+": w.stranger.ID()}
	}), [5]int{404, 404, 404, 200, 404}},
	{s.Conversations, "remove the other one", patch(s.Conversations, func(w *world, f fixture, u *synctest.User) (*core.Record, map[string]any) {
		other := w.participant.ID()
		if u.ID() == other {
			other = w.author.ID()
		}
		return f.conv, map[string]any{"participants-": other}
	}), [5]int{404, 404, 404, 404, 404}},
	{s.Conversations, "take over", patch(s.Conversations, func(w *world, f fixture, u *synctest.User) (*core.Record, map[string]any) {
		return f.conv, map[string]any{"author": u.ID()}
	}), [5]int{404, 404, 400, 200, 404}},
	{s.Conversations, "delete", remove(func(f fixture) *core.Record { return f.conv }), [5]int{403, 403, 403, 403, 403}},

	{s.Messages, "list", nil, [5]int{unseen, unseen, seen, seen, unseen}},
	{s.Messages, "view", view(func(f fixture) *core.Record { return f.msg }), [5]int{404, 404, 200, 200, 404}},
	{s.Messages, "create", func(w *world, f fixture, u *synctest.User) (string, string, any) {
		return http.MethodPost, records(s.Messages), map[string]any{"conversation": f.conv.Id, "author": u.ID(), "text": "Salut"}
	}, [5]int{400, 400, 200, 200, 400}},
	{s.Messages, "create in another's name", func(w *world, f fixture, u *synctest.User) (string, string, any) {
		return http.MethodPost, records(s.Messages), map[string]any{"conversation": f.conv.Id, "author": w.author.ID(), "text": "Salut"}
	}, [5]int{400, 400, 400, 200, 400}},
	{s.Messages, "update", patch(s.Messages, func(w *world, f fixture, u *synctest.User) (*core.Record, map[string]any) {
		return f.msg, map[string]any{"text": "changé"}
	}), [5]int{403, 403, 403, 403, 403}},
	{s.Messages, "delete", remove(func(f fixture) *core.Record { return f.msg }), [5]int{404, 404, 403, 204, 404}},

	{s.Blocks, "list", nil, [5]int{unseen, unseen, unseen, seen, unseen}},
	{s.Blocks, "view", view(func(f fixture) *core.Record { return f.block }), [5]int{404, 404, 404, 200, 404}},
	{s.Blocks, "create", func(w *world, f fixture, u *synctest.User) (string, string, any) {
		return http.MethodPost, records(s.Blocks), map[string]any{"author": u.ID(), "blocked": w.stranger.ID()}
	}, [5]int{400, 200, 200, 200, 200}},
	{s.Blocks, "create in another's name", func(w *world, f fixture, u *synctest.User) (string, string, any) {
		return http.MethodPost, records(s.Blocks), map[string]any{"author": w.participant.ID(), "blocked": w.stranger.ID()}
	}, [5]int{400, 400, 400, 400, 400}},
	{s.Blocks, "update", patch(s.Blocks, func(w *world, f fixture, u *synctest.User) (*core.Record, map[string]any) {
		return f.block, map[string]any{"blocked": w.participant.ID()}
	}), [5]int{403, 403, 403, 403, 403}},
	{s.Blocks, "delete", remove(func(f fixture) *core.Record { return f.block }), [5]int{404, 404, 404, 204, 404}},

	{s.ConversationReads, "list", nil, [5]int{unseen, unseen, unseen, seen, unseen}},
	{s.ConversationReads, "view", view(func(f fixture) *core.Record { return f.read }), [5]int{404, 404, 404, 200, 404}},
	{s.ConversationReads, "create", func(w *world, f fixture, u *synctest.User) (string, string, any) {
		return http.MethodPost, records(s.ConversationReads), map[string]any{"conversation": f.empty.Id, "user": u.ID()}
	}, [5]int{400, 400, 200, 200, 400}},
	{s.ConversationReads, "update", patch(s.ConversationReads, func(w *world, f fixture, u *synctest.User) (*core.Record, map[string]any) {
		return f.read, map[string]any{"lastRead": "2026-12-01 10:00:00.000Z"}
	}), [5]int{404, 404, 404, 200, 404}},
	{s.ConversationReads, "give away", patch(s.ConversationReads, func(w *world, f fixture, u *synctest.User) (*core.Record, map[string]any) {
		return f.read, map[string]any{"user": w.participant.ID()}
	}), [5]int{404, 404, 404, 400, 404}},
	{s.ConversationReads, "delete", remove(func(f fixture) *core.Record { return f.read }), [5]int{404, 404, 404, 204, 404}},
}

func view(pick func(fixture) *core.Record) request {
	return func(w *world, f fixture, u *synctest.User) (string, string, any) {
		rec := pick(f)
		return http.MethodGet, record(rec.Collection().Name, rec.Id), nil
	}
}

func patch(c string, make func(*world, fixture, *synctest.User) (*core.Record, map[string]any)) request {
	return func(w *world, f fixture, u *synctest.User) (string, string, any) {
		rec, body := make(w, f, u)
		return http.MethodPatch, record(c, rec.Id), body
	}
}

func remove(pick func(fixture) *core.Record) request {
	return func(w *world, f fixture, u *synctest.User) (string, string, any) {
		rec := pick(f)
		return http.MethodDelete, record(rec.Collection().Name, rec.Id), nil
	}
}

// listedRow names the fixture row a list cell looks for.
func listedRow(f fixture, collection string) *core.Record {
	return map[string]*core.Record{s.Conversations: f.conv, s.Messages: f.msg, s.Blocks: f.block, s.ConversationReads: f.read}[collection]
}

// runMatrix plays rows on w, each cell on a fresh fixture, and returns the cells that differ.
func runMatrix(t *testing.T, w *world, rows []row) []string {
	t.Helper()
	var wrong []string
	for _, r := range rows {
		for i, u := range w.people() {
			f := w.seed(t)
			got := play(t, w, f, r, u)
			if got != r.want[i] {
				wrong = append(wrong, fmt.Sprintf("%s %s by %s: got %d, want %d", r.collection, r.action, columns[i], got, r.want[i]))
			}
			w.unseed(t, f)
		}
	}
	return wrong
}

// play sends one cell's request and returns its outcome.
func play(t *testing.T, w *world, f fixture, r row, u *synctest.User) int {
	t.Helper()
	if r.req == nil {
		if listed(t, u, r.collection, listedRow(f, r.collection).Id) {
			return seen
		}
		return unseen
	}
	method, path, body := r.req(w, f, u)
	status, _, err := u.Call(method, path, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return status
}

// TestRuleMatrix checks every rule of conversations, messages, blocks and conversationReads for
// each kind of person.
func TestRuleMatrix(t *testing.T) {
	w := newWorld(t)
	for _, cell := range runMatrix(t, w, matrix) {
		t.Error(cell)
	}
}
