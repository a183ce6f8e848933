package push_test

import (
	"net/http"
	"testing"

	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/mobile_sync/synctest"
	"github.com/maillage/maillage/push"
	s "github.com/maillage/maillage/schema"
)

// people creates residents by name, each with a browser subscribed at "/<name>".
func (w *world) people(t *testing.T, names ...string) map[string]*synctest.User {
	t.Helper()
	out := map[string]*synctest.User{}
	for _, name := range names {
		out[name] = w.user(t, name, "fr")
		w.subscribe(t, out[name], "/"+name)
	}
	return out
}

// setRole gives u a role (a superuser's change).
func (w *world) setRole(t *testing.T, u *synctest.User, role string) {
	t.Helper()
	u.Record.Set(s.FieldRole, role)
	if err := w.srv.App.Save(u.Record); err != nil {
		t.Fatal(err)
	}
}

// choose saves u's preferences (fields added to the defaults: messages, replies, decisions).
func choose(t *testing.T, u *synctest.User, fields map[string]any) string {
	t.Helper()
	body := map[string]any{"user": u.ID(), "messages": true, "replies": true, "decisions": true}
	for k, v := range fields {
		body[k] = v
	}
	var rec struct{ ID string }
	u.MustCall(t, http.MethodPost, preferencesURL, body, &rec)
	return rec.ID
}

// TestMessageNotifications: a new message goes to the other participants who want messages,
// not to its writer, to someone outside the conversation, to who turned messages off, nor to
// someone its writer blocked. Negative control: turned on again, that person is notified.
func TestMessageNotifications(t *testing.T) {
	w := newWorld(t)
	p := w.people(t, "alice", "bob", "carol", "erin", "dave")
	prefs := choose(t, p["erin"], map[string]any{"messages": false})
	conv := converse(t, p["alice"], p["bob"], p["carol"], p["erin"])

	say(t, p["alice"], conv, "On se retrouve au jardin ?")
	got := w.delivered(t)
	wantPaths(t, "first message", got, "/bob", "/carol")
	if want := (push.Notification{Title: "alice vous a écrit", Body: "On se retrouve au jardin ?",
		URL: "/#/messages/" + conv}); got["/bob"] != want {
		t.Errorf("Bob's notification: got %+v, want %+v", got["/bob"], want)
	}

	p["alice"].MustCall(t, http.MethodPost, "/api/collections/"+s.Blocks+"/records",
		map[string]any{s.FieldAuthor: p["alice"].ID(), s.FieldBlocked: p["carol"].ID()}, nil)
	say(t, p["alice"], conv, "Carol ne le saura pas.")
	wantPaths(t, "after Alice blocked Carol", w.delivered(t), "/bob")

	p["erin"].MustCall(t, http.MethodPatch, preferencesURL+"/"+prefs, map[string]any{"messages": true}, nil)
	say(t, p["alice"], conv, "Erin, tu viens ?")
	wantPaths(t, "after Erin turned messages on", w.delivered(t), "/bob", "/erin")
}

// TestReplyNotifications: a comment notifies the author of the comment it answers and of the
// thread it is in, never its own writer nor anyone else; a resident's reply, pending, is read
// by nobody yet and notifies nobody until a moderator publishes it.
func TestReplyNotifications(t *testing.T) {
	w := newWorld(t)
	p := w.people(t, "tom", "bob", "carol", "erin", "dave", "mo")
	for _, name := range []string{"tom", "bob", "carol"} {
		w.setRole(t, p[name], s.RoleFacilitator) // their writings publish at once
	}
	w.setRole(t, p["mo"], s.RoleModerator)
	thread := testapp.NewRecord(t, w.srv.App, s.Threads, map[string]any{"title": "Compost partagé", "text": "Qui en veut ?",
		s.FieldAuthor: p["tom"].ID(), s.FieldVisibility: s.VisibilityPublic})

	top := comment(t, p["bob"], thread.Id, "", "Moi !")
	wantPaths(t, "a comment on Tom's thread", w.delivered(t), "/tom")
	comment(t, p["carol"], thread.Id, top, "Moi aussi.")
	got := w.delivered(t)
	wantPaths(t, "a reply to Bob's comment", got, "/bob", "/tom")
	if want := (push.Notification{Title: "carol vous a répondu", Body: "Moi aussi.", URL: "/#/forum/" + thread.Id}); got["/bob"] != want {
		t.Errorf("Bob's notification: got %+v, want %+v", got["/bob"], want)
	}
	comment(t, p["tom"], thread.Id, top, "Parfait.")
	wantPaths(t, "Tom's own reply", w.delivered(t), "/bob")

	pending := comment(t, p["erin"], thread.Id, top, "Et moi ?")
	wantPaths(t, "a resident's pending reply", w.delivered(t))
	p["mo"].MustCall(t, http.MethodPatch, "/api/collections/"+s.Comments+"/records/"+pending,
		map[string]any{s.FieldStatus: s.StatusPublished}, nil)
	wantPaths(t, "the reply once published", w.delivered(t), "/bob", "/tom")

	// In a community's thread, Bob, who left the community, can no longer read the replies.
	group := testapp.NewRecord(t, w.srv.App, s.Communities, map[string]any{"name": "Les composteurs", "owner": p["tom"].ID()})
	member := map[string]string{} // Tom, the owner, is a member already
	for _, name := range []string{"bob", "carol"} {
		member[name] = testapp.NewRecord(t, w.srv.App, s.Memberships, map[string]any{
			s.FieldCommunity: group.Id, "user": p[name].ID(), "role": "member"}).Id
	}
	inGroup := testapp.NewRecord(t, w.srv.App, s.Threads, map[string]any{"title": "Entre nous", "text": "…",
		s.FieldAuthor: p["tom"].ID(), s.FieldVisibility: s.VisibilityCommunity, s.FieldCommunity: group.Id})
	bobs := comment(t, p["bob"], inGroup.Id, "", "Présent.")
	wantPaths(t, "Bob's comment in the group", w.delivered(t), "/tom")
	left, err := w.srv.App.FindRecordById(s.Memberships, member["bob"])
	if err != nil || w.srv.App.Delete(left) != nil {
		t.Fatalf("Bob leaves the community: %v", err)
	}
	comment(t, p["carol"], inGroup.Id, bobs, "Bob est parti.")
	wantPaths(t, "a reply Bob may no longer read", w.delivered(t), "/tom")
}

// comment writes a comment on a thread (a reply when parent is set) and returns its id.
func comment(t *testing.T, u *synctest.User, thread, parent, text string) string {
	t.Helper()
	var rec struct{ ID string }
	u.MustCall(t, http.MethodPost, "/api/collections/"+s.Comments+"/records", map[string]any{
		"collection": s.Threads, "recordId": thread, "parent": parent, "text": text, s.FieldAuthor: u.ID()}, &rec)
	return rec.ID
}

// TestDecisionNotifications: a moderator publishing or rejecting a contribution notifies its
// author alone; an edit that keeps the status notifies nobody; a moderator deciding on their
// own contribution is not notified (negative control: another moderator's decision is).
func TestDecisionNotifications(t *testing.T) {
	w := newWorld(t)
	p := w.people(t, "bob", "dave", "mo", "max")
	w.setRole(t, p["mo"], s.RoleModerator)
	w.setRole(t, p["max"], s.RoleModerator)
	garden := contribute(t, p["bob"], "Jardin des Joncherolles")

	decide(t, p["mo"], garden, s.StatusPublished)
	got := w.delivered(t)
	wantPaths(t, "Bob's garden published", got, "/bob")
	if want := (push.Notification{Title: "Votre contribution est publiée", Body: "Jardin des Joncherolles",
		URL: "/#/i/initiatives/" + garden}); got["/bob"] != want {
		t.Errorf("Bob's notification: got %+v, want %+v", got["/bob"], want)
	}
	p["bob"].MustCall(t, http.MethodPatch, "/api/collections/"+s.Initiatives+"/records/"+garden,
		map[string]any{"description": "Ouvert le samedi."}, nil)
	wantPaths(t, "an edit", w.delivered(t))
	decide(t, p["mo"], contribute(t, p["bob"], "Vide-grenier"), s.StatusRejected)
	if got := w.delivered(t); got["/bob"].Title != "Votre contribution n'a pas été retenue" {
		t.Errorf("rejection: got %+v", got)
	}

	own := contribute(t, p["mo"], "Atelier vélo")
	decide(t, p["mo"], own, s.StatusRejected)
	wantPaths(t, "a moderator's decision on their own contribution", w.delivered(t))
	decide(t, p["max"], own, s.StatusPublished)
	wantPaths(t, "another moderator's decision", w.delivered(t), "/mo")
}

// contribute creates an initiative as u through the API and returns its id.
func contribute(t *testing.T, u *synctest.User, name string) string {
	t.Helper()
	var rec struct{ ID string }
	u.MustCall(t, http.MethodPost, "/api/collections/"+s.Initiatives+"/records", map[string]any{
		"name": name, s.FieldAuthor: u.ID(), s.FieldVisibility: s.VisibilityPublic}, &rec)
	return rec.ID
}

// decide sets a record's status as moderator u.
func decide(t *testing.T, u *synctest.User, id, status string) {
	t.Helper()
	var rec map[string]any
	u.MustCall(t, http.MethodPatch, "/api/collections/"+s.Initiatives+"/records/"+id, map[string]any{s.FieldStatus: status}, &rec)
	if _, shown := rec["maillagePushWriter"]; shown || rec[s.FieldStatus] != status {
		t.Fatalf("the moderator's answer: %v, want the record with status %s and nothing of push", rec, status)
	}
}
