package testapp_test

import (
	"testing"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

func TestNewAppHasSchemaAndHooks(t *testing.T) {
	app := testapp.New(t, server.Config{})
	resident, _ := testapp.NewUser(t, app, "resident@example.org", s.RoleResident)
	facilitator, _ := testapp.NewUser(t, app, "facilitator@example.org", s.RoleFacilitator)

	cases := []struct {
		author *string
		want   string
	}{{&resident.Id, s.StatusPending}, {&facilitator.Id, s.StatusPublished}}
	for _, c := range cases {
		r := testapp.NewRecord(t, app, s.Initiatives, map[string]any{
			"name": "Jardin", s.FieldAuthor: *c.author, s.FieldStatus: s.StatusPublished,
		})
		if got := r.GetString(s.FieldStatus); got != c.want {
			t.Errorf("status for author %s: got %q, want %q", *c.author, got, c.want)
		}
	}
}
