package conversations

import (
	"slices"

	validation "github.com/pocketbase/ozzo-validation/v4"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// Pure rules over participant lists (ids of users), table-tested without an app.

// refuse is the field error of a refused write, with an i18n code.
func refuse(field, code string, params map[string]any) error {
	return validation.Errors{field: i18n.NewError(code, params)}
}

// checkOpening accepts the participants of a new conversation: at least MinParticipants
// distinct people (the field keeps at most MaxParticipants), the author among them.
func checkOpening(author string, participants []string) error {
	if len(distinct(participants)) < s.MinParticipants {
		return refuse(s.FieldParticipants, "conversations.too_few", map[string]any{"min": s.MinParticipants})
	}
	if !slices.Contains(participants, author) {
		return refuse(s.FieldParticipants, "conversations.author_not_participant", nil)
	}
	return nil
}

// checkChange accepts a change of participants from before to after that adds people or
// removes one person, never both, and returns who was added.
func checkChange(before, after []string) (added []string, err error) {
	added, removed := diff(before, after)
	if len(added) > 0 && len(removed) > 0 {
		return nil, refuse(s.FieldParticipants, "conversations.one_change", nil)
	}
	if len(removed) > 1 {
		return nil, refuse(s.FieldParticipants, "conversations.leave_self", nil)
	}
	return added, nil
}

// diff returns the ids in after and not in before (added), and in before and not in after.
func diff(before, after []string) (added, removed []string) {
	for _, id := range distinct(after) {
		if !slices.Contains(before, id) {
			added = append(added, id)
		}
	}
	for _, id := range distinct(before) {
		if !slices.Contains(after, id) {
			removed = append(removed, id)
		}
	}
	return added, removed
}

// distinct returns ids without empty or repeated ones, in order.
func distinct(ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// others returns ids without self.
func others(ids []string, self string) []string {
	return slices.DeleteFunc(distinct(ids), func(id string) bool { return id == self })
}
