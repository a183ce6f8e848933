package i18n

import "testing"

func TestNegotiate(t *testing.T) {
	cases := []struct{ name, locale, header, want string }{
		{"nothing", "", "", FR},
		{"header en", "", "en", EN},
		{"header en-GB with q-values", "", "en-GB,en;q=0.9,fr;q=0.5", EN},
		{"french preferred by q", "", "en;q=0.3, fr-CH;q=0.8", FR},
		{"unsupported first, english next", "", "de-DE, en;q=0.5", EN},
		{"only unsupported", "", "de, nl", FR},
		{"unreadable header", "", ";;;q=x", FR},
		{"user locale wins over header", "en", "fr", EN},
		{"user locale fr wins over header en", "fr", "en-US", FR},
		{"unknown user locale falls back to header", "de", "en", EN},
		{"user locale with region", "en-GB", "", EN},
	}
	for _, c := range cases {
		if got := Negotiate(c.locale, c.header); got != c.want {
			t.Errorf("%s: Negotiate(%q, %q) = %q, want %q", c.name, c.locale, c.header, got, c.want)
		}
	}
}

func TestFromEnv(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"nothing set", nil, FR},
		{"LANG english", map[string]string{"LANG": "en_GB.UTF-8"}, EN},
		{"LC_ALL wins", map[string]string{"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, FR},
		{"LC_MESSAGES before LANG", map[string]string{"LC_MESSAGES": "en", "LANG": "fr_FR"}, EN},
		{"C locale", map[string]string{"LANG": "C.UTF-8"}, FR},
	}
	for _, c := range cases {
		if got := FromEnv(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}
