package mobilesync_test

import (
	"strings"
	"testing"

	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// Negative controls of the nothing-lost checker: deleting the conflict row that holds a losing
// value, or the row of a rejected mutation, makes it report exactly that value.
func TestNothingLostCatchesAMissingConflictRow(t *testing.T) {
	c := newConflictCase(t, ms.Config{})
	c.serverEdit(t, "name", "Jardin des Joncherolles")
	res := c.pushUpdate(t, ms.OpUpdate, fields("name", "Jardin"), fields("name", "Jardin partagé"))
	rejected := c.env.push(t, c.alice, createInitiative(c.next, synctest.NewID(), "", c.alice.ID())).Results[0]
	if problems := nothingLost(c.env); len(problems) != 0 {
		t.Fatalf("before tampering: %v", problems)
	}
	for _, ref := range []ms.ConflictRef{res.Conflicts[0], rejected.Conflicts[0]} {
		row, err := c.env.App.FindRecordById(s.SyncConflicts, ref.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.env.App.Delete(row); err != nil {
			t.Fatal(err)
		}
	}
	problems := strings.Join(nothingLost(c.env), "\n")
	for _, want := range []string{`field name = "Jardin partagé" is in no revision`, "rejected without a rejected syncConflicts row"} {
		if !strings.Contains(problems, want) {
			t.Errorf("checker output %q lacks %q", problems, want)
		}
	}
	c.env.acks = nil // the loss was made on purpose: the end-of-test check must not report it
}
