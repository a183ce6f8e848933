package jsonstr

import (
	"slices"
	"testing"

	"github.com/pocketbase/pocketbase/tools/list"
)

// TestPlainListAgreesWithPocketBase compares PlainList with list.ToUniqueStringSlice, which
// the fields' PrepareValue use, on the forms it accepts and on forms it must leave to them.
func TestPlainListAgreesWithPocketBase(t *testing.T) {
	for _, col := range []string{"abc", `["a1","b2"]`, `["only"]`, "photo_a1.jpg", `["x","y","z"]`} {
		got, ok := PlainList([]byte(col), nil)
		want := list.ToUniqueStringSlice(col)
		if !ok || !slices.Equal(strs(got), want) {
			t.Errorf("PlainList(%s) = %q %v, PocketBase reads %q", col, strs(got), ok, want)
		}
	}
	// Negative controls: forms PocketBase reads differently (repeats, empty values, spaces,
	// escapes, HTML, non-ASCII, broken JSON) are left to PrepareValue.
	for _, col := range []string{"", "[]", `["a","a"]`, `["a",""]`, `[ "a"]`, `["a", "b"]`, `["a\"b"]`, `["<b>"]`, "é", `["a"`, `["a",]`, `[1]`, "a,b[", `"a"`} {
		if got, ok := PlainList([]byte(col), nil); ok {
			t.Errorf("PlainList(%s) = %q, want it left to PrepareValue (PocketBase reads %q)", col, strs(got), list.ToUniqueStringSlice(col))
		}
	}
}

func strs(b [][]byte) []string {
	out := []string{}
	for _, x := range b {
		out = append(out, string(x))
	}
	return out
}
