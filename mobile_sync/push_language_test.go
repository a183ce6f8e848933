package mobilesync_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// A push's messages are in the pushing user's language: their profile's locale, else the push
// request's Accept-Language, else French. That holds for a rejected mutation's message and
// field errors, and for the message of the syncConflicts row kept for its author.

// pushTexts are a rejected create without its required name, and an update of a deleted
// record, in each language.
var pushTexts = map[string]struct{ rejected, field, onDeleted string }{
	"en": {"Some values are invalid: correct the fields shown and save again.", "Cannot be blank.",
		"This record was deleted before your change arrived; your values are saved here."},
	"fr": {"Certaines valeurs ne sont pas valides : corrigez les champs indiqués et enregistrez de nouveau.", "Ne peut pas être vide.",
		"Cette fiche a été supprimée avant que votre modification n'arrive ; vos valeurs sont conservées ici."},
}

func TestPushMessagesInTheUsersLanguage(t *testing.T) {
	env := newPushEnv(t, ms.Config{})
	cases := []struct{ name, locale, header, want string }{
		{"header en", "", "en-GB,en;q=0.9", "en"},
		{"header fr", "", "fr", "fr"},
		{"no locale, no header", "", "", "fr"},
		{"locale en wins over header fr", "en", "fr", "en"},
		{"locale fr wins over header en", "fr", "en", "fr"},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			u := env.NewUser(t, fmt.Sprintf("u%d@example.org", i), s.RoleFacilitator)
			u.Lang = c.header
			if c.locale != "" {
				u.Record.Set(s.FieldLocale, c.locale)
				if err := env.App.Save(u.Record); err != nil {
					t.Fatal(err)
				}
			}
			for _, err := range pushLanguageProblems(t, env, u, c.want) {
				t.Error(err)
			}
		})
	}
}

// TestPushLanguageNegativeControl checks the checks: a French push read as if English was
// wanted must be reported, message, field error and conflict row.
func TestPushLanguageNegativeControl(t *testing.T) {
	env := newPushEnv(t, ms.Config{})
	u := env.NewUser(t, "fr@example.org", s.RoleFacilitator)
	u.Lang = "fr"
	if got := pushLanguageProblems(t, env, u, "en"); len(got) < 4 {
		t.Errorf("a French push checked for English: got %d problems %v, want the message, the field error and both conflict rows", len(got), got)
	}
}

// pushLanguageProblems pushes a rejected create and an update of a deleted record as u and
// lists what is not in lang: the result's message and field error, and the conflict rows'.
func pushLanguageProblems(t *testing.T, env *pushEnv, u *synctest.User, lang string) []string {
	t.Helper()
	want := pushTexts[lang]
	gone := synctest.NewID()
	created := env.push(t, u, createInitiative(1, gone, "Jardin", u.ID()))
	if created.Results[0].Status != ms.StatusApplied {
		t.Fatalf("create: %+v", created.Results[0])
	}
	if err := env.App.Delete(mustRecord(t, env, gone)); err != nil {
		t.Fatal(err)
	}
	resp := env.push(t, u, createInitiative(2, synctest.NewID(), "", u.ID()),
		ms.Mutation{Mseq: 3, C: s.Initiatives, ID: gone, Op: ms.OpUpdate, Fields: fields("name", "Jardin partagé")})
	rejected, onDeleted := resp.Results[0], resp.Results[1]
	if rejected.Status != ms.StatusRejected || onDeleted.Status != ms.StatusConflict {
		t.Fatalf("got %s and %s, want rejected and conflict", rejected.Status, onDeleted.Status)
	}
	var problems []string
	check := func(what, got, want string) {
		if got != want {
			problems = append(problems, fmt.Sprintf("%s: got %q, want %q", what, got, want))
		}
	}
	check("result message", rejected.Message, want.rejected)
	check("field error", rejected.FieldErrors["name"], want.field)
	check("rejected conflict row", conflictMessage(t, env, rejected), want.rejected)
	check("update-on-deleted conflict row", conflictMessage(t, env, onDeleted), want.onDeleted)
	return problems
}

func mustRecord(t *testing.T, env *pushEnv, id string) *core.Record {
	t.Helper()
	rec, err := env.App.FindRecordById(s.Initiatives, id)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// conflictMessage reads the message stored in the syncConflicts row of a result.
func conflictMessage(t *testing.T, env *pushEnv, res ms.Result) string {
	t.Helper()
	if len(res.Conflicts) != 1 {
		t.Fatalf("mutation %d: got %d conflict rows, want 1", res.Mseq, len(res.Conflicts))
	}
	row, err := env.App.FindRecordById(s.SyncConflicts, res.Conflicts[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(row.GetString(s.FieldConflictMessage))
}
