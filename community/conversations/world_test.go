package conversations_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// world is a served app with the people of the rule matrix: anonymous, another resident (in no
// conversation), a participant, the author (who opened the conversation, wrote the message,
// owns the block and the read marker) and a moderator; stranger is nobody's row, a person to
// add or block.
type world struct {
	srv                                             *synctest.Srv
	anon, other, participant, author, mod, stranger *synctest.User
}

// people are the matrix's columns, in order.
func (w *world) people() []*synctest.User {
	return []*synctest.User{w.anon, w.other, w.participant, w.author, w.mod}
}

// columns name the matrix's columns.
var columns = []string{"anonymous", "other", "participant", "author", "moderator"}

func newWorld(t *testing.T) *world {
	t.Helper()
	srv := synctest.Start(t, server.Config{})
	return &world{
		srv:         srv,
		anon:        srv.Anonymous(),
		other:       srv.NewUser(t, "other@example.org", s.RoleResident),
		participant: srv.NewUser(t, "participant@example.org", s.RoleResident),
		author:      srv.NewUser(t, "author@example.org", s.RoleResident),
		mod:         srv.NewUser(t, "moderator@example.org", s.RoleModerator),
		stranger:    srv.NewUser(t, "stranger@example.org", s.RoleResident),
	}
}

// fixture is one fresh set of rows for one cell of the matrix.
type fixture struct {
	conv, msg, block, read *core.Record
	// empty is a second conversation of the author and the participant, without read markers.
	empty *core.Record
}

// seed saves a fresh fixture through the app (every model hook runs, no API rule).
func (w *world) seed(t *testing.T) fixture {
	t.Helper()
	app := w.srv.App
	pair := []string{w.author.ID(), w.participant.ID()}
	f := fixture{
		conv:  testapp.NewRecord(t, app, s.Conversations, map[string]any{"author": w.author.ID(), "participants": pair, "subject": "vélo"}),
		empty: testapp.NewRecord(t, app, s.Conversations, map[string]any{"author": w.author.ID(), "participants": pair}),
	}
	f.msg = testapp.NewRecord(t, app, s.Messages, map[string]any{"conversation": f.conv.Id, "author": w.author.ID(), "text": "Bonjour"})
	f.block = testapp.NewRecord(t, app, s.Blocks, map[string]any{"author": w.author.ID(), "blocked": w.other.ID()})
	f.read = testapp.NewRecord(t, app, s.ConversationReads, map[string]any{"conversation": f.conv.Id, "user": w.author.ID()})
	return f
}

// unseed deletes what a fixture left that would change the next one (the block's unique pair).
func (w *world) unseed(t *testing.T, f fixture) {
	t.Helper()
	if rec, err := w.srv.App.FindRecordById(s.Blocks, f.block.Id); err == nil {
		if err := w.srv.App.Delete(rec); err != nil {
			t.Fatalf("delete block: %v", err)
		}
	}
}

// listed reports whether u's list of collection holds id.
func listed(t *testing.T, u *synctest.User, collection, id string) bool {
	t.Helper()
	var page struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	u.MustCall(t, http.MethodGet, "/api/collections/"+collection+"/records?perPage=500&filter=id%3D%27"+id+"%27", nil, &page)
	return len(page.Items) == 1 && page.Items[0].ID == id
}

// errorCodes returns the codes of the field errors of an API error body.
func errorCodes(body []byte) map[string]string {
	var e struct {
		Data map[string]struct {
			Code string `json:"code"`
		} `json:"data"`
	}
	_ = json.Unmarshal(body, &e)
	out := map[string]string{}
	for field, v := range e.Data {
		out[field] = v.Code
	}
	return out
}
