package i18n

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

var placeholder = regexp.MustCompile(`\{(\w+)\}`)

// placeholders lists the {names} of a text, sorted, once each.
func placeholders(text string) []string {
	var names []string
	for _, m := range placeholder.FindAllStringSubmatch(text, -1) {
		names = append(names, m[1])
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// problems lists what is wrong with one catalogue entry: a missing language, different
// placeholders, or a text that still joins two languages with " / ".
func problems(key string, t Text) []string {
	var out []string
	if strings.TrimSpace(t.FR) == "" || strings.TrimSpace(t.EN) == "" {
		out = append(out, key+": a language is empty")
	}
	if fr, en := placeholders(t.FR), placeholders(t.EN); !slices.Equal(fr, en) {
		out = append(out, key+": placeholders "+strings.Join(fr, ",")+" in French, "+strings.Join(en, ",")+" in English")
	}
	for lang, text := range map[string]string{FR: t.FR, EN: t.EN} {
		if strings.Contains(text, " / ") {
			out = append(out, key+": the "+lang+" text joins two languages with \" / \": "+text)
		}
	}
	if t.FR == t.EN && len(strings.Fields(t.FR)) > 3 {
		out = append(out, key+": the English text is the French one, untranslated")
	}
	return out
}

// TestCatalogue walks every message key: both languages present and non-empty, the same
// placeholders, one language per text.
func TestCatalogue(t *testing.T) {
	keys := Keys()
	if len(keys) < 50 {
		t.Fatalf("got %d message keys, want the whole catalogue (refusals, geo, photos, sync…)", len(keys))
	}
	for _, key := range keys {
		for _, p := range problems(key, catalogue[key]) {
			t.Error(p)
		}
	}
}

// TestCatalogueChecksCatchBrokenTexts is the negative control: the same checks must catch a
// deliberately broken entry of each kind.
func TestCatalogueChecksCatchBrokenTexts(t *testing.T) {
	broken := map[string]Text{
		"bilingual":     {FR: "Connectez-vous. / Sign in.", EN: "Sign in."},
		"empty english": {FR: "Connectez-vous.", EN: ""},
		"placeholders":  {FR: "Ce point est à {km} km de {commune}.", EN: "This point is {km} km away."},
		"untranslated":  {FR: "Sign in to add content.", EN: "Sign in to add content."},
	}
	for name, text := range broken {
		if got := problems(name, text); len(got) == 0 {
			t.Errorf("%s: the checks found nothing wrong with %+v", name, text)
		}
	}
	if got := problems("fine", Text{FR: "À {km} km.", EN: "{km} km away."}); len(got) != 0 {
		t.Errorf("a correct entry was reported: %v", got)
	}
}

// TestRefusalsInOneLanguage pins one message in each language, whole.
func TestRefusalsInOneLanguage(t *testing.T) {
	params := map[string]any{"km": 98.04, "commune": "Stains", "margin": 2.0}
	cases := map[string]string{
		FR: "Ce point est à 98,0 km de Stains, hors du territoire (marge de 2,0 km) : vérifiez la position sur la carte, ou demandez à un·e modérateur·ice de l'accepter.",
		EN: "This point is 98.0 km from Stains, outside the territory (margin 2.0 km): check the location on the map, or ask a moderator to accept it.",
	}
	for lang, want := range cases {
		if got := T(lang, "outside_territory", params); got != want {
			t.Errorf("%s: got %q, want %q", lang, got, want)
		}
	}
}
