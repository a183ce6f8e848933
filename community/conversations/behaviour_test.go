package conversations_test

import (
	"net/http"
	"testing"

	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

// TestBlockedPersonCannotWrite: once the participant blocks the author, the author can neither
// write in their conversation nor open a new one with them (coded refusal), while the
// participant still writes; unblocking lets the author write again. The control is the write
// before the block, which succeeds.
func TestBlockedPersonCannotWrite(t *testing.T) {
	w := newWorld(t)
	f := w.seed(t)
	say := map[string]any{"conversation": f.conv.Id, "author": w.author.ID(), "text": "Toujours là ?"}
	w.author.MustCall(t, http.MethodPost, records(s.Messages), say, nil)
	var block struct {
		ID string `json:"id"`
	}
	w.participant.MustCall(t, http.MethodPost, records(s.Blocks), map[string]any{"author": w.participant.ID(), "blocked": w.author.ID()}, &block)
	for name, c := range map[string]struct {
		collection string
		body       map[string]any
		field      string
	}{
		"a message":          {s.Messages, say, "conversation"},
		"a new conversation": {s.Conversations, map[string]any{"author": w.author.ID(), "participants": []string{w.author.ID(), w.participant.ID()}}, "participants"},
	} {
		status, body, err := w.author.Call(http.MethodPost, records(c.collection), c.body)
		if err != nil || status != 400 || errorCodes(body)[c.field] != "conversations.blocked" {
			t.Errorf("%s to the person who blocked them: got %d %s %v, want 400 conversations.blocked", name, status, body, err)
		}
	}
	w.participant.MustCall(t, http.MethodPost, records(s.Messages), map[string]any{"conversation": f.conv.Id, "author": w.participant.ID(), "text": "Je vous ai bloqué."}, nil)
	w.participant.MustCall(t, http.MethodDelete, record(s.Blocks, block.ID), nil, nil)
	w.author.MustCall(t, http.MethodPost, records(s.Messages), say, nil)
}

// TestAddingBlockerRefused: the author cannot add to a conversation someone who blocked them.
func TestAddingBlockerRefused(t *testing.T) {
	w := newWorld(t)
	f := w.seed(t)
	testapp.NewRecord(t, w.srv.App, s.Blocks, map[string]any{"author": w.stranger.ID(), "blocked": w.author.ID()})
	status, body, _ := w.author.Call(http.MethodPatch, record(s.Conversations, f.conv.Id), map[string]any{"participants+": w.stranger.ID()})
	if status != 400 || errorCodes(body)["participants"] != "conversations.blocked" {
		t.Errorf("adding a person who blocked the author: got %d %s, want 400 conversations.blocked", status, body)
	}
	w.author.MustCall(t, http.MethodPatch, record(s.Conversations, f.conv.Id), map[string]any{"participants+": w.other.ID()}, nil)
}

// TestLeavingTakesOnlyOneself: the rules let a participant send a list without themself; the
// hook then refuses one that also adds a stranger or removes someone else (its codes show the
// request went past the rules), and accepts the plain leave.
func TestLeavingTakesOnlyOneself(t *testing.T) {
	w := newWorld(t)
	conv := testapp.NewRecord(t, w.srv.App, s.Conversations, map[string]any{"author": w.author.ID(),
		"participants": []string{w.author.ID(), w.participant.ID(), w.other.ID()}})
	for name, c := range map[string]struct {
		people []string
		code   string
	}{
		"leave and add a stranger": {[]string{w.author.ID(), w.other.ID(), w.stranger.ID()}, "conversations.one_change"},
		"leave and remove another": {[]string{w.author.ID()}, "conversations.leave_self"},
	} {
		status, body, _ := w.participant.Call(http.MethodPatch, record(s.Conversations, conv.Id), map[string]any{"participants": c.people})
		if status != 400 || errorCodes(body)["participants"] != c.code {
			t.Errorf("%s: got %d %s, want 400 %s", name, status, body, c.code)
		}
	}
	w.participant.MustCall(t, http.MethodPatch, record(s.Conversations, conv.Id), map[string]any{"participants-": w.participant.ID()}, nil)
	if listed(t, w.participant, s.Conversations, conv.Id) || !listed(t, w.other, s.Conversations, conv.Id) {
		t.Error("after leaving, the person who left still reads the conversation, or the others do not")
	}
}

// TestLastLeaverDeletesConversation: when everybody has left, the conversation and its messages
// are gone.
func TestLastLeaverDeletesConversation(t *testing.T) {
	w := newWorld(t)
	f := w.seed(t)
	w.participant.MustCall(t, http.MethodPatch, record(s.Conversations, f.conv.Id), map[string]any{"participants-": w.participant.ID()}, nil)
	w.author.MustCall(t, http.MethodPatch, record(s.Conversations, f.conv.Id), map[string]any{"participants-": w.author.ID()}, nil)
	if _, err := w.srv.App.FindRecordById(s.Conversations, f.conv.Id); err == nil {
		t.Error("a conversation everybody left is still stored")
	}
	if _, err := w.srv.App.FindRecordById(s.Messages, f.msg.Id); err == nil {
		t.Error("a message of a conversation everybody left is still stored")
	}
}
