package mobilesync

import "testing"

func TestChangedByOthers(t *testing.T) {
	cases := []struct {
		name          string
		base, current int64
		own           []revSpan
		want          bool
	}{
		{"untouched", 5, 5, nil, false},
		{"someone else wrote", 5, 7, nil, true},
		{"created then deleted offline", 0, 9, []revSpan{{0, 9}}, false},
		{"edited then deleted offline", 5, 9, []revSpan{{5, 9}}, false},
		{"two own edits", 5, 12, []revSpan{{5, 9}, {9, 12}}, false},
		{"someone wrote before the own edit", 5, 9, []revSpan{{7, 9}}, true},
		{"someone wrote after the own edit", 5, 11, []revSpan{{5, 9}}, true},
		{"someone wrote between own edits", 5, 12, []revSpan{{5, 9}, {10, 12}}, true},
		{"own edits before the base are seen", 9, 9, []revSpan{{0, 3}, {3, 9}}, false},
		{"own no-op on a changed record", 5, 7, []revSpan{{7, 7}}, true},
		{"rejected own mutation", 5, 5, []revSpan{{5, 0}}, false},
	}
	for _, c := range cases {
		if got := changedByOthers(c.base, c.current, c.own); got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}
