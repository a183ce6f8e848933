package demo

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/demo/dataset"
	s "github.com/maillage/maillage/schema"
)

// demoPage is a fictional wiki page about demo organisations, so that the demo's wiki is not
// empty: public, published, with no author (made by the demo), its slug made from its title.
type demoPage struct {
	id, title, summary, body string
	categories               []string // category slugs
	organisations            []dataset.Ref
}

// demoPages are the demo's wiki pages (fictional, like its organisations).
var demoPages = []demoPage{
	{"page-compost", "Monter un compost partagé en pied d'immeuble (démo)",
		"Trois bacs, un bailleur d'accord et une équipe de volontaires.",
		"Contenu de démonstration (fictif).\n\n## Ce qu'il faut\n\n- trois bacs (apport, maturation, tamisage)\n" +
			"- l'accord écrit du bailleur\n- une équipe de cinq volontaires pour les permanences\n\n## Étapes\n\n" +
			"1. Réunir les voisins intéressés\n2. Demander un emplacement au bailleur\n3. Se former une matinée avec le jardin partagé\n\n" +
			"Le **jardin partagé Les Pousses** prête ses bacs pour une première saison.",
		[]string{"jardins-partages"}, []dataset.Ref{demoRef("org-01")}},
	{"page-crevaison", "Réparer une crevaison en dix minutes (démo)",
		"Démonter la roue, trouver la fuite, poser une rustine.",
		"Contenu de démonstration (fictif).\n\n## Outils\n\nDeux démonte-pneus, une rustine, de la colle et une pompe.\n\n" +
			"## Pas à pas\n\n1. Démonter la roue\n2. Sortir la chambre à air et la gonfler\n3. Trouver la fuite dans une bassine d'eau\n" +
			"4. Poncer, encoller, attendre une minute, poser la rustine\n\n" +
			"L'**atelier vélo de la Plaine** prête les outils pendant ses permanences ; le **repair café** aide aussi.",
		[]string{"velo", "repair-cafes"}, []dataset.Ref{demoRef("org-02"), demoRef("org-03")}},
}

// loadPages adds the demo's wiki pages; one already there (same source and external id) is
// left as it is.
func (l *loader) loadPages() (int, error) {
	added := 0
	for _, dp := range demoPages {
		ok, err := l.savePage(dp)
		if err != nil {
			return added, err
		}
		added += count(ok)
	}
	return added, nil
}

func (l *loader) savePage(dp demoPage) (bool, error) {
	_, err := l.app.FindFirstRecordByData(s.Pages, s.FieldExternalID, dp.id)
	if err == nil {
		return false, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("find page %s: %w", dp.id, err)
	}
	col, err := l.app.FindCachedCollectionByNameOrId(s.Pages)
	if err != nil {
		return false, err
	}
	orgs, err := l.refIDs(dp.organisations)
	if err != nil {
		return false, fmt.Errorf("page %s: %w", dp.id, err)
	}
	cats, err := l.categoryIDs(dp.categories)
	if err != nil {
		return false, fmt.Errorf("page %s: %w", dp.id, err)
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{
		s.FieldSource: demoRef("").Source, s.FieldExternalID: dp.id, s.FieldPageTitle: dp.title, s.FieldPageSummary: dp.summary,
		s.FieldPageBody: dp.body, s.FieldPageCategories: cats, s.FieldPageOrganisations: orgs,
		s.FieldStatus: s.StatusPublished, s.FieldVisibility: s.VisibilityPublic,
	})
	if err := l.app.Save(r); err != nil {
		return false, fmt.Errorf("save page %s: %w", dp.id, err)
	}
	return true, nil
}

// refIDs resolves demo records loaded before to their ids.
func (l *loader) refIDs(refs []dataset.Ref) ([]string, error) {
	ids := make([]string, 0, len(refs))
	for _, ref := range refs {
		id, ok := l.ids[ref]
		if !ok {
			return nil, fmt.Errorf("demo record %s is missing", ref.ExternalID)
		}
		ids = append(ids, id)
	}
	return ids, nil
}
