package importer

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/formats/fields"
	s "github.com/maillage/maillage/schema"
)

// categoryMap turns a source's category names into Maillage category ids: through the source's
// mapping first, then by id, slug, French or English name (case and accents aside). A name
// that matches nothing is dropped, or created when the source is a taxonomy Maillage adopts
// (GoGoCarto's), so no category of a map is lost on its way in.
type categoryMap struct {
	byKey   map[string]string
	mapping map[string]string
	create  bool
}

func newCategoryMap(app core.App, m *interop.Mapping, create bool) (*categoryMap, error) {
	cats, err := app.FindAllRecords(s.Categories)
	if err != nil {
		return nil, fmt.Errorf("read categories: %w", err)
	}
	cm := &categoryMap{byKey: map[string]string{}, create: create}
	if m != nil {
		cm.mapping = m.Categories
	}
	for _, c := range cats {
		for _, k := range []string{c.Id, c.GetString("slug"), c.GetString("nameFr"), c.GetString("nameEn")} {
			cm.byKey[fold(k)] = c.Id
		}
	}
	return cm, nil
}

// ids returns the Maillage categories of names, without repeats, creating new ones with app
// when the map adopts the source's taxonomy.
func (cm *categoryMap) ids(app core.App, names []string) ([]string, error) {
	out := []string{}
	seen := map[string]bool{}
	for _, name := range names {
		id, err := cm.id(app, name)
		if err != nil {
			return nil, err
		}
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out, nil
}

func (cm *categoryMap) id(app core.App, name string) (string, error) {
	if mapped, ok := cm.mapping[name]; ok {
		name = mapped
	}
	key := fold(name)
	if id, ok := cm.byKey[key]; ok || !cm.create || !named(key) {
		return id, nil
	}
	return cm.add(app, strings.TrimSpace(name))
}

// add creates a category named as the source names it.
func (cm *categoryMap) add(app core.App, name string) (string, error) {
	col, err := app.FindCachedCollectionByNameOrId(s.Categories)
	if err != nil {
		return "", fmt.Errorf("categories collection: %w", err)
	}
	rec := core.NewRecord(col)
	rec.Load(map[string]any{"slug": slug(name), "nameFr": clip(name, 120), "nameEn": clip(name, 120), "color": "#607d8b"})
	if err := app.Save(rec); err != nil {
		return "", fmt.Errorf("create category %q: %w", name, err)
	}
	cm.byKey[fold(name)], cm.byKey[rec.GetString("slug")] = rec.Id, rec.Id
	return rec.Id, nil
}

// fold is a name's matching key: lower case, accents, spaces and punctuation aside
// ("Agriculture & Alimentation" matches "agriculture alimentation").
func fold(v string) string { return fields.Key(v) }

// slug makes a category slug from a name ("Épiceries & co" → "epiceries-co"), unique enough
// with a suffix when taken (the unique index refuses a repeat, which add reports).
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range fields.Unaccent(strings.ToLower(name)) {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return clip(strings.Trim(b.String(), "-")+"-import", 80)
}

func clip(v string, n int) string {
	r := []rune(v)
	if len(r) <= n {
		return v
	}
	return string(r[:n])
}

// named reports whether a category key is a name one can create a category from, not empty
// and not a bare number (an upstream id whose taxonomy the source did not give).
func named(key string) bool {
	return strings.TrimFunc(key, unicode.IsDigit) != ""
}
