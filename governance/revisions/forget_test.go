package revisions_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/dbx"

	"github.com/maillage/maillage/account"
	s "github.com/maillage/maillage/schema"
)

// A deleted account takes its history along: no revision names the person any more, and
// the revisions of their deleted records are gone.
func TestDeletedAccountLeavesNoHistory(t *testing.T) {
	w := newWorld(t)
	app := w.srv.App
	id := createInitiative(t, w.author, "Jardin secret")
	patch(t, w, id, map[string]any{"description": "Mon code : zephyrine"})
	naming := func() int {
		var n int
		must(t, app.DB().NewQuery("SELECT count(*) FROM revisions WHERE recordAuthor = {:u} OR author = {:u} OR changes LIKE {:like} OR changes LIKE '%zephyrine%'").
			Bind(dbx.Params{"u": w.author.ID(), "like": "%" + w.author.ID() + "%"}).Row(&n))
		return n
	}
	if naming() == 0 {
		t.Fatal("control: no revision names the person before the deletion")
	}
	if _, err := account.Delete(app, w.author.ID(), s.ContributionsDelete); err != nil {
		t.Fatal(err)
	}
	if n := naming(); n != 0 {
		t.Fatalf("%d revisions still name the deleted person or hold their words", n)
	}
	if status, _, _ := w.moderator.Call(http.MethodGet, "/api/collections/initiatives/records/"+id, nil); status != http.StatusNotFound {
		t.Fatalf("the record is still there: %d", status)
	}
}
