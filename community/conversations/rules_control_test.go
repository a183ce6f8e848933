package conversations_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// loosening is a negative control of the matrix: one rule made weaker in a copy of the schema,
// and a cell the matrix must then report.
type loosening struct {
	collection string
	rules      func(c *core.Collection) []**string
	to         string
	caught     string // the start of a cell the matrix must report
}

func readRules(c *core.Collection) []**string { return []**string{&c.ListRule, &c.ViewRule} }

var loosenings = []loosening{
	{s.Messages, readRules, `@request.auth.id != ""`, "messages list by other"},
	{s.Blocks, readRules, `@request.auth.id != ""`, "blocks view by participant"},
	{s.ConversationReads, readRules, `@request.auth.id != ""`, "conversationReads list by moderator"},
	{s.Conversations, readRules, `@request.auth.role = "moderator" || participants.id ?= @request.auth.id`, "conversations view by moderator"},
	{s.Conversations, func(c *core.Collection) []**string { return []**string{&c.UpdateRule} },
		`participants.id ?= @request.auth.id`, "conversations add a stranger by participant"},
	{s.Conversations, func(c *core.Collection) []**string { return []**string{&c.CreateRule} },
		`@request.auth.id != ""`, "conversations create in another's name by other"},
	{s.Messages, func(c *core.Collection) []**string { return []**string{&c.DeleteRule} },
		`conversation.participants.id ?= @request.auth.id`, "messages delete by participant"},
	{s.ConversationReads, func(c *core.Collection) []**string { return []**string{&c.UpdateRule} },
		`user = @request.auth.id`, "conversationReads give away by author"},
}

// TestRuleMatrixNegativeControl: each loosened rule makes the matrix report the cell it opens.
func TestRuleMatrixNegativeControl(t *testing.T) {
	for _, l := range loosenings {
		w := newWorld(t)
		c, err := w.srv.App.FindCollectionByNameOrId(l.collection)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range l.rules(c) {
			*r = &l.to
		}
		if err := w.srv.App.Save(c); err != nil {
			t.Fatalf("loosen %s: %v", l.collection, err)
		}
		rows := slices.DeleteFunc(slices.Clone(matrix), func(r row) bool { return r.collection != l.collection })
		wrong := runMatrix(t, w, rows)
		if !slices.ContainsFunc(wrong, func(cell string) bool { return strings.HasPrefix(cell, l.caught) }) {
			t.Errorf("%s loosened to %q: the matrix did not report %q (it reported %v)", l.collection, l.to, l.caught, wrong)
		}
	}
}
