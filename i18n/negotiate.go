package i18n

import (
	"strings"

	"golang.org/x/text/language"
)

// matcher picks among the supported languages; its indexes are those of Langs.
var matcher = newMatcher(Langs)

func newMatcher(langs []string) language.Matcher {
	tags := make([]language.Tag, len(langs))
	for i, l := range langs {
		tags[i] = language.Make(l)
	}
	return language.NewMatcher(tags)
}

// Negotiate picks the language of an answer: the signed-in user's locale when it is a
// supported language, else the best supported language of an Accept-Language header (with
// its q-values), else French.
//
//	Negotiate("", "en-GB,en;q=0.9,fr;q=0.5") // "en"
//	Negotiate("fr", "en")                    // "fr": the user's choice wins
func Negotiate(userLocale, acceptLanguage string) string {
	if lang, ok := supported(userLocale); ok {
		return lang
	}
	return fromAcceptLanguage(acceptLanguage)
}

// supported returns the supported language a locale such as "en", "en-GB" or "en_GB.UTF-8"
// names: its leading letters.
func supported(locale string) (string, bool) {
	locale = strings.ToLower(strings.TrimSpace(locale))
	end := strings.IndexFunc(locale, func(r rune) bool { return r < 'a' || r > 'z' })
	base := locale
	if end >= 0 {
		base = locale[:end]
	}
	for _, l := range Langs {
		if base == l {
			return l, true
		}
	}
	return "", false
}

// fromAcceptLanguage matches a header against the supported languages; French when nothing
// matches or the header cannot be read.
func fromAcceptLanguage(header string) string {
	tags, _, err := language.ParseAcceptLanguage(header)
	if err != nil || len(tags) == 0 {
		return FR
	}
	_, index, conf := matcher.Match(tags...)
	if conf == language.No {
		return FR
	}
	return Langs[index]
}

// FromEnv picks the language of a command-line run from the POSIX locale variables (LC_ALL,
// then LC_MESSAGES, then LANG, such as "en_GB.UTF-8"), else French. getenv is usually
// os.Getenv.
func FromEnv(getenv func(string) string) string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		if lang, ok := supported(v); ok {
			return lang
		}
		return FR // the first variable set decides, as in POSIX
	}
	return FR
}
