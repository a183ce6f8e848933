package knowledge

import (
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"golang.org/x/text/unicode/norm"

	s "github.com/maillage/maillage/schema"
)

// slugPattern is a valid slug: lowercase ASCII words joined by single hyphens.
var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// ValidSlug reports whether slug may name a page.
func ValidSlug(slug string) bool {
	return len(slug) <= s.PageSlugMax && slugPattern.MatchString(slug)
}

// Slugify makes a slug of a title: accents dropped, lowercase ASCII letters and digits, other
// characters as single hyphens, at most s.PageSlugMax bytes, cut at a hyphen. It is "page"
// for a title with no letter or digit.
//
//	Slugify("Réparer son vélo, pas à pas") == "reparer-son-velo-pas-a-pas"
func Slugify(title string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFD.String(ligatures.Replace(title)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // an accent, once decomposed
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(unicode.ToLower(r))
			hyphen = false
		default:
			hyphen = true
		}
	}
	return cut(b.String(), s.PageSlugMax)
}

// ligatures are the letters that no accent removal turns into ASCII.
var ligatures = strings.NewReplacer("œ", "oe", "Œ", "OE", "æ", "ae", "Æ", "AE", "ß", "ss")

// cut shortens slug to at most n bytes, at a hyphen when there is one.
func cut(slug string, n int) string {
	if len(slug) <= n {
		if slug == "" {
			return "page"
		}
		return slug
	}
	slug = slug[:n]
	if i := strings.LastIndexByte(slug, '-'); i > 0 {
		slug = slug[:i]
	}
	return strings.TrimSuffix(slug, "-")
}

// freeSlug returns base, or base-2, base-3… the first that no other page than id holds.
func freeSlug(app core.App, base, id string) (string, error) {
	for n := 1; n < 1000; n++ {
		slug := base
		if n > 1 {
			suffix := fmt.Sprintf("-%d", n)
			slug = cut(base, s.PageSlugMax-len(suffix)) + suffix
		}
		taken, err := slugTaken(app, slug, id)
		if err != nil || !taken {
			return slug, err
		}
	}
	return "", fmt.Errorf("no free slug for %q", base)
}

// slugTaken reports whether a page other than id holds slug.
func slugTaken(app core.App, slug, id string) (bool, error) {
	_, err := app.FindFirstRecordByFilter(s.Pages, s.FieldPageSlug+" = {:slug} && id != {:id}",
		dbx.Params{"slug": slug, "id": id})
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	}
	return false, fmt.Errorf("find page by slug %q: %w", slug, err)
}
