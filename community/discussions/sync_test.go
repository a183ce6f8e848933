package discussions_test

import (
	"encoding/json"
	"slices"
	"testing"

	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// TestOfflineCommentNeverReachesNonMembers: a comment written offline on a community-only
// initiative and pushed on reconnect reaches a member's device and never a non-member's (every
// pulled row is also leak-checked against the REST API by synctest). The controls: the same
// non-member's device does receive a comment on a public initiative, so the absence is the
// rule's doing; and when that initiative then becomes community-only, the comment is removed
// from the non-member's device.
func TestOfflineCommentNeverReachesNonMembers(t *testing.T) {
	srv := synctest.Serve(t, clone(t))
	writer, outsider, insider := syncUser(srv, owner), syncUser(srv, resident), syncUser(srv, member)
	outsiderCursor := outsider.SnapshotAll(t, s.Comments, 0).Cursor
	insiderCursor := insider.SnapshotAll(t, s.Comments, 0).Cursor

	group, public := wd.byLabel("initiatives/group"), wd.byLabel("initiatives/public")
	onGroup, onPublic := pushComment(t, writer, 1, group), pushComment(t, writer, 2, public)

	got := outsider.PullAll(t, outsiderCursor, s.Comments)
	puts := synctest.IDs(got.Changes, s.Comments, ms.OpPut)
	if slices.Contains(puts, onGroup) {
		t.Fatalf("LEAK: the non-member's device received the comment on a community-only record")
	}
	if !slices.Contains(puts, onPublic) {
		t.Fatalf("control: the non-member's device did not receive the comment on a public record (puts %v)", puts)
	}
	if ins := synctest.IDs(insider.PullAll(t, insiderCursor, s.Comments).Changes, s.Comments, ms.OpPut); !slices.Contains(ins, onGroup) {
		t.Fatalf("control: the member's device did not receive the comment on the community record (puts %v)", ins)
	}

	makeGroupOnly(t, srv, public.id)
	after := outsider.PullAll(t, got.Cursor, s.Comments)
	if !slices.Contains(synctest.IDs(after.Changes, s.Comments, ms.OpRemove), onPublic) {
		t.Fatalf("the comment of a record made community-only stays on the non-member's device: %+v", after.Changes)
	}
}

func syncUser(srv *synctest.Srv, name string) *synctest.User {
	p := wd.person(name)
	u := &synctest.User{Srv: srv, Token: p.token, ClientID: synctest.NewClientID()}
	u.Record, _ = srv.App.FindRecordById(s.Users, p.id)
	return u
}

// pushComment pushes, as u's device coming back online, mutation mseq: a new comment on
// target with an id made on the device; it returns the id once applied.
func pushComment(t *testing.T, u *synctest.User, mseq int64, target *rec) string {
	t.Helper()
	id := synctest.NewID()
	fields := map[string]json.RawMessage{}
	for k, v := range map[string]any{s.FieldAuthor: u.ID(), s.FieldCommentTarget: target.coll,
		s.FieldCommentTargetID: target.id, s.FieldDiscussionText: "Écrit dans la rue, envoyé plus tard"} {
		fields[k], _ = json.Marshal(v)
	}
	res := u.Push(t, ms.PushRequest{Mutations: []ms.Mutation{{Mseq: mseq, C: s.Comments, ID: id, Op: ms.OpCreate, Fields: fields}}})
	if len(res.Results) != 1 || res.Results[0].Status != ms.StatusApplied {
		t.Fatalf("push comment on %s: %+v", target.label, res.Results)
	}
	return id
}

// makeGroupOnly moves an initiative into the group community, as its author would.
func makeGroupOnly(t *testing.T, srv *synctest.Srv, id string) {
	t.Helper()
	r, err := srv.App.FindRecordById(s.Initiatives, id)
	if err != nil {
		t.Fatal(err)
	}
	r.Set(s.FieldVisibility, s.VisibilityCommunity)
	r.Set(s.FieldCommunity, wd.groupID)
	if err := srv.App.Save(r); err != nil {
		t.Fatalf("make %s community-only: %v", id, err)
	}
}
