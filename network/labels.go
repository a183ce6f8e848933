package network

import (
	"fmt"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// labels holds what the exports write in words: category and commune names in one language.
type labels struct {
	lang       string
	categories map[string]string
	communes   map[string]string
}

// loadLabels reads the names of categories (in lang) and communes.
func loadLabels(app core.App, lang string) (*labels, error) {
	l := &labels{lang: lang, categories: map[string]string{}, communes: map[string]string{}}
	nameField := "nameFr"
	if lang == i18n.EN {
		nameField = "nameEn"
	}
	for coll, into := range map[string]struct {
		m     map[string]string
		field string
	}{s.Categories: {l.categories, nameField}, s.Communes: {l.communes, "name"}} {
		recs, err := app.FindAllRecords(coll)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", coll, err)
		}
		for _, r := range recs {
			into.m[r.Id] = r.GetString(into.field)
		}
	}
	return l, nil
}

// categoryNames returns the names of n's categories joined by "|" (Kumu's and Gephi's lists).
func (l *labels) categoryNames(n Node) string {
	names := make([]string, 0, len(n.Categories))
	for _, id := range n.Categories {
		if name := l.categories[id]; name != "" {
			names = append(names, name)
		}
	}
	return strings.Join(names, "|")
}

// kind names the collection of n in words.
func (l *labels) kind(n Node) string {
	return i18n.T(l.lang, "network_kind_"+n.Collection, nil)
}

// linkType names a link type in words.
func (l *labels) linkType(t string) string {
	return i18n.T(l.lang, "network_type_"+t, nil)
}

// describe is the exports' description of the network.
func (l *labels) describe() string {
	return i18n.T(l.lang, "network_export_description", nil)
}
