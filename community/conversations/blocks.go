package conversations

import (
	"fmt"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// refuseBlocked refuses (on field) a write by writer that reaches people of whom at least one
// blocked writer.
func refuseBlocked(app core.App, field, writer string, people []string) error {
	if writer == "" || len(people) == 0 {
		return nil
	}
	n, err := countBlockers(app, writer, people)
	if err != nil {
		return err
	}
	if n > 0 {
		return refuse(field, "conversations.blocked", nil)
	}
	return nil
}

// countBlockers counts the people who blocked writer.
func countBlockers(app core.App, writer string, people []string) (int, error) {
	var n int
	err := app.DB().Select("count(*)").From(s.Blocks).
		Where(dbx.HashExp{s.FieldBlocked: writer}).
		AndWhere(dbx.In(s.FieldAuthor, toAny(people)...)).
		Row(&n)
	if err != nil {
		return 0, fmt.Errorf("count blocks of %s: %w", writer, err)
	}
	return n, nil
}

func toAny(ids []string) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

func containsID(ids []string, id string) bool { return id != "" && slices.Contains(ids, id) }
