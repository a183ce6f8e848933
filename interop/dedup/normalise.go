package dedup

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// stopWords are the articles and linking words that two sources add or drop freely
// ("La Recyclerie" and "Recyclerie"), in French and English.
var stopWords = map[string]bool{
	"le": true, "la": true, "les": true, "l": true, "un": true, "une": true, "des": true,
	"du": true, "de": true, "d": true, "the": true, "a": true, "an": true,
}

// abbreviations expands what sources abbreviate in place names.
var abbreviations = map[string]string{"st": "saint", "ste": "sainte"}

// NormaliseName prepares a name for comparison: lowercase, accents removed, punctuation and
// apostrophes turned into spaces, articles dropped ("L'Atelier du Vélo" → "atelier velo").
func NormaliseName(name string) string {
	words := strings.FieldsFunc(foldAccents(strings.ToLower(name)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	kept := words[:0]
	for _, w := range words {
		if long, ok := abbreviations[w]; ok {
			w = long
		}
		if !stopWords[w] {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

// foldAccents removes combining marks after canonical decomposition ("é" → "e", "œ" stays).
func foldAccents(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// NormaliseWebsite reduces a website to what identifies it: no scheme, no "www.", no trailing
// slash, query or fragment, lowercase ("https://www.Example.org/amap/" → "example.org/amap").
func NormaliseWebsite(raw string) string {
	s := strings.ToLower(strings.TrimSpace(raw))
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimPrefix(s, "www.")
	s = strings.TrimRight(s, "/")
	if !strings.Contains(s, ".") {
		return ""
	}
	return s
}

// NormalisePhone writes a phone number as its digits, French numbers in their national form
// ("+33 (0)1 41 68 19 70", "0033 1.41.68.19.70" → "0141681970"); other international numbers
// keep their "+". It returns "" for fewer than 8 digits.
func NormalisePhone(raw string) string {
	s := strings.ReplaceAll(raw, "(0)", "")
	plus := strings.HasPrefix(strings.TrimSpace(s), "+")
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	digits := b.String()
	switch {
	case len(digits) < 8:
		return ""
	case plus && strings.HasPrefix(digits, "33"):
		return "0" + digits[2:]
	case strings.HasPrefix(digits, "0033"):
		return "0" + digits[4:]
	case plus:
		return "+" + digits
	}
	return digits
}

// NormaliseEmail lowercases an e-mail address.
func NormaliseEmail(raw string) string {
	return strings.ToLower(strings.TrimSpace(raw))
}

var (
	emailPattern = regexp.MustCompile(`[^\s@,;:<>()"']+@[^\s@,;:<>()"']+\.[A-Za-z]{2,}`)
	phonePattern = regexp.MustCompile(`\+?\d[\d\s.\-()]{6,}\d`)
)

// ContactKeys finds the e-mail addresses and phone numbers in a free-text contact field
// ("asso@x.fr · 01 23 45 67 89"), normalised.
func ContactKeys(contact string) (emails, phones []string) {
	for _, m := range emailPattern.FindAllString(contact, -1) {
		emails = append(emails, NormaliseEmail(m))
		contact = strings.Replace(contact, m, " ", 1)
	}
	for _, m := range phonePattern.FindAllString(contact, -1) {
		if p := NormalisePhone(m); p != "" {
			phones = append(phones, p)
		}
	}
	return emails, phones
}
