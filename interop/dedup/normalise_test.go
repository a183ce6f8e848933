package dedup

import (
	"slices"
	"testing"
)

func TestNormaliseName(t *testing.T) {
	cases := []struct{ in, want string }{
		{"L'Atelier du Vélo", "atelier velo"},
		{"La Recyclerie", "recyclerie"},
		{"Recyclerie", "recyclerie"},
		{"  Café   associatif « La Table » ! ", "cafe associatif table"},
		{"Maison France Services – St-Denis", "maison france services saint denis"},
		{"ÉPICERIE SOLIDAIRE D’AUBERVILLIERS", "epicerie solidaire aubervilliers"},
		{"The Repair Café", "repair cafe"},
		{"AMAP 93", "amap 93"},
		{"Le", ""},
		{"", ""},
	}
	for _, c := range cases {
		if got := NormaliseName(c.in); got != c.want {
			t.Errorf("NormaliseName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNormaliseWebsite(t *testing.T) {
	cases := []struct{ in, want string }{
		{"https://www.Example.org/", "example.org"},
		{"http://example.org", "example.org"},
		{"example.org/amap/?utm=x#top", "example.org/amap"},
		{"WWW.EXAMPLE.ORG/AMAP", "example.org/amap"},
		{"not a site", ""},
		{"", ""},
	}
	for _, c := range cases {
		if got := NormaliseWebsite(c.in); got != c.want {
			t.Errorf("NormaliseWebsite(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNormalisePhone(t *testing.T) {
	cases := []struct{ in, want string }{
		{"01 41 68 19 70", "0141681970"},
		{"01.41.68.19.70", "0141681970"},
		{"+33 1 41 68 19 70", "0141681970"},
		{"+33 (0)1 41 68 19 70", "0141681970"},
		{"0033 1 41 68 19 70", "0141681970"},
		{"+33141663620", "0141663620"},
		{"+32 2 555 12 12", "+3225551212"},
		{"12 34", ""},
	}
	for _, c := range cases {
		if got := NormalisePhone(c.in); got != c.want {
			t.Errorf("NormalisePhone(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestContactKeys(t *testing.T) {
	cases := []struct {
		in             string
		emails, phones []string
	}{
		{"France.Services@lile-saint-denis.fr · 01 72 59 84 24", []string{"france.services@lile-saint-denis.fr"}, []string{"0172598424"}},
		{"mic@lile-saint-denis.fr, +33141681970", []string{"mic@lile-saint-denis.fr"}, []string{"0141681970"}},
		{"Tél. : 01-48-20-12-12 ; fax 01 48 20 12 13", nil, []string{"0148201212", "0148201213"}},
		{"ask at the desk", nil, nil},
	}
	for _, c := range cases {
		emails, phones := ContactKeys(c.in)
		if !slices.Equal(emails, c.emails) || !slices.Equal(phones, c.phones) {
			t.Errorf("ContactKeys(%q) = %q, %q; want %q, %q", c.in, emails, phones, c.emails, c.phones)
		}
	}
}
