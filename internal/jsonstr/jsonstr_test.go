package jsonstr

import (
	"encoding/json"
	"testing"
)

// TestAppendEqualsMarshal compares Append with json.Marshal on awkward strings: every ASCII
// byte, HTML, control characters, U+2028/U+2029, invalid UTF-8 and multi-byte text.
func TestAppendEqualsMarshal(t *testing.T) {
	all := make([]byte, 0, 128)
	for c := range 128 {
		all = append(all, byte(c))
	}
	for _, s := range []string{"", "plain", string(all), "<b>Café & thé</b>", "a\u2028b\u2029c", "\xff\xfe ok \xc3", "日本語 🚲", "\"quoted\" \\ back"} {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := Append(nil, s); string(got) != string(want) {
			t.Errorf("Append(%q) = %s, json.Marshal %s", s, got, want)
		}
	}
}

// FuzzAppend checks Append against json.Marshal on any string.
func FuzzAppend(f *testing.F) {
	f.Add("<a href=\"x\">\u2028</a>\xff")
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := Append(nil, s); string(got) != string(want) {
			t.Errorf("Append(%q) = %s, json.Marshal %s", s, got, want)
		}
	})
}
