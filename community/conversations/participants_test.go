package conversations

import (
	"errors"
	"slices"
	"testing"

	validation "github.com/pocketbase/ozzo-validation/v4"

	"github.com/maillage/maillage/i18n"
)

// code returns the i18n code of a field error of checkOpening or checkChange, "" for nil.
func code(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var errs validation.Errors
	var coded *i18n.Error
	if !errors.As(err, &errs) || !errors.As(errs["participants"], &coded) {
		t.Fatalf("got %v, want a coded error on participants", err)
	}
	return coded.Code()
}

func TestCheckOpening(t *testing.T) {
	for _, c := range []struct {
		name, author string
		people       []string
		want         string
	}{
		{"two people", "a", []string{"a", "b"}, ""},
		{"a group", "a", []string{"b", "c", "a"}, ""},
		{"alone", "a", []string{"a"}, "conversations.too_few"},
		{"twice the same", "a", []string{"a", "a"}, "conversations.too_few"},
		{"nobody", "a", nil, "conversations.too_few"},
		{"author outside", "a", []string{"b", "c"}, "conversations.author_not_participant"},
	} {
		if got := code(t, checkOpening(c.author, c.people)); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestCheckChange(t *testing.T) {
	for _, c := range []struct {
		name          string
		before, after []string
		added         []string
		want          string
	}{
		{"nothing", []string{"a", "b"}, []string{"b", "a"}, nil, ""},
		{"one leaves", []string{"a", "b", "c"}, []string{"a", "c"}, nil, ""},
		{"the last leaves", []string{"a"}, nil, nil, ""},
		{"two added", []string{"a", "b"}, []string{"a", "b", "c", "d"}, []string{"c", "d"}, ""},
		{"two removed", []string{"a", "b", "c"}, []string{"a"}, nil, "conversations.leave_self"},
		{"leave and add", []string{"a", "b"}, []string{"a", "c"}, nil, "conversations.one_change"},
	} {
		added, err := checkChange(c.before, c.after)
		if got := code(t, err); got != c.want || !slices.Equal(added, c.added) {
			t.Errorf("%s: got %q %v, want %q %v", c.name, got, added, c.want, c.added)
		}
	}
}
