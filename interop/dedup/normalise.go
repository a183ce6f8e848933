package dedup

import (
	"strings"
	"unicode"

	"github.com/maillage/maillage/interop/formats/fields"
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
	words := strings.FieldsFunc(fields.Unaccent(strings.ToLower(name)), func(r rune) bool {
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

// ContactKeys finds the e-mail addresses and phone numbers in a free-text contact field
// ("asso@x.fr · 01 23 45 67 89"), normalised. Words holding an "@" are addresses; runs of
// digits with their usual separators (spaces, dots, dashes, parentheses, a leading "+") are
// phone numbers when they hold at least 8 digits.
func ContactKeys(contact string) (emails, phones []string) {
	var run strings.Builder
	flush := func() {
		if p := NormalisePhone(run.String()); p != "" {
			phones = append(phones, p)
		}
		run.Reset()
	}
	for _, word := range strings.FieldsFunc(contact, isContactSeparator) {
		if e := emailOf(word); e != "" {
			flush()
			emails = append(emails, e)
			continue
		}
		if !isPhoneWord(word) {
			flush()
			continue
		}
		run.WriteString(word)
		run.WriteByte(' ')
	}
	flush()
	return emails, phones
}

// isContactSeparator splits a contact field into words: spaces and list punctuation.
func isContactSeparator(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune(",;·|/•", r)
}

// emailOf returns word as a normalised address when it looks like one (x@y.z).
func emailOf(word string) string {
	word = strings.Trim(word, "<>()[]\"'.:")
	at := strings.IndexByte(word, '@')
	if at <= 0 || strings.Count(word, "@") != 1 || !strings.Contains(word[at:], ".") {
		return ""
	}
	if i := strings.IndexByte(word, ':'); i >= 0 && i < at { // "mailto:x@y.z", "mail:x@y.z"
		word = word[i+1:]
	}
	return NormaliseEmail(word)
}

// isPhoneWord reports whether word is part of a phone number: digits and separators only,
// with a digit.
func isPhoneWord(word string) bool {
	digit := false
	for _, r := range word {
		switch {
		case r >= '0' && r <= '9':
			digit = true
		case strings.ContainsRune(".-()+", r):
		default:
			return false
		}
	}
	return digit
}
