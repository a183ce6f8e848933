package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// Maillage's own bilingual taxonomy of transition themes: 11 top-level categories, each with its
// sub-categories. Sub-categories inherit their parent's colour and icon.
func init() {
	m.Register(seedCategories, func(app core.App) error {
		_, err := app.DB().NewQuery("DELETE FROM " + s.Categories).Execute()
		return err
	})
}

type theme struct {
	slug, fr, en, icon, color string
	subs                      [][3]string // slug, fr, en
}

var taxonomy = []theme{
	{"alimentation", "Alimentation", "Food", "carrot", "#2e7d32", [][3]string{
		{"amap", "AMAP et paniers", "Community-supported farming"},
		{"jardins-partages", "Jardins partagés", "Community gardens"},
		{"epiceries-solidaires", "Épiceries solidaires", "Solidarity grocery stores"},
		{"anti-gaspillage", "Anti-gaspillage alimentaire", "Food waste reduction"},
		{"cuisine-collective", "Cuisine collective", "Community kitchens"},
	}},
	{"habitat", "Habitat", "Housing", "home", "#6d4c41", [][3]string{
		{"habitat-participatif", "Habitat participatif", "Cohousing"},
		{"renovation", "Rénovation et auto-réhabilitation", "Renovation and self-repair"},
		{"hebergement-solidaire", "Hébergement solidaire", "Solidarity housing"},
	}},
	{"mobilite", "Mobilité", "Mobility", "bike", "#1565c0", [][3]string{
		{"velo", "Vélo et ateliers vélo", "Cycling and bike workshops"},
		{"covoiturage", "Covoiturage", "Car sharing"},
		{"marche", "Marche et espace public", "Walking and public space"},
	}},
	{"energie", "Énergie", "Energy", "bolt", "#f9a825", [][3]string{
		{"energies-renouvelables", "Énergies renouvelables citoyennes", "Community renewable energy"},
		{"sobriete", "Sobriété énergétique", "Energy saving"},
		{"precarite-energetique", "Précarité énergétique", "Energy poverty"},
	}},
	{"culture", "Culture", "Culture", "palette", "#8e24aa", [][3]string{
		{"tiers-lieux", "Tiers-lieux", "Third places"},
		{"arts", "Arts et spectacle vivant", "Arts and performance"},
		{"bibliotheques", "Bibliothèques et lecture", "Libraries and reading"},
		{"patrimoine", "Patrimoine et mémoire", "Heritage and memory"},
	}},
	{"ess", "Économie sociale et solidaire", "Social economy", "handshake", "#00838f", [][3]string{
		{"ressourceries", "Ressourceries et réemploi", "Reuse centres"},
		{"repair-cafes", "Repair cafés", "Repair cafés"},
		{"monnaie-locale", "Monnaie locale", "Local currency"},
		{"cooperatives", "Coopératives", "Cooperatives"},
		{"commerce-equitable", "Commerce équitable", "Fair trade"},
	}},
	{"environnement", "Environnement", "Environment", "leaf", "#388e3c", [][3]string{
		{"biodiversite", "Biodiversité", "Biodiversity"},
		{"dechets", "Déchets et compostage", "Waste and composting"},
		{"eau", "Eau", "Water"},
		{"nature-en-ville", "Nature en ville", "Urban nature"},
	}},
	{"education", "Éducation", "Education", "school", "#3949ab", [][3]string{
		{"soutien-scolaire", "Soutien scolaire", "Tutoring"},
		{"education-populaire", "Éducation populaire", "Popular education"},
		{"langues", "Apprentissage du français et des langues", "Language learning"},
	}},
	{"sante", "Santé", "Health", "heart", "#c62828", [][3]string{
		{"acces-aux-soins", "Accès aux soins", "Access to care"},
		{"sante-mentale", "Santé mentale", "Mental health"},
		{"sport-sante", "Sport et bien-être", "Sport and well-being"},
	}},
	{"inclusion-numerique", "Inclusion numérique", "Digital inclusion", "laptop", "#5e35b1", [][3]string{
		{"mediation-numerique", "Médiation numérique", "Digital mediation"},
		{"france-services", "France services et accès aux droits", "Public services and rights"},
		{"reemploi-informatique", "Réemploi informatique", "Computer reuse"},
	}},
	{"emploi", "Emploi et solidarités", "Employment and solidarity", "briefcase", "#ef6c00", [][3]string{
		{"insertion", "Insertion par l'activité économique", "Work integration"},
		{"entraide", "Entraide et solidarité", "Mutual aid"},
		{"acces-aux-droits", "Accès aux droits", "Legal and social rights"},
		{"formation", "Formation professionnelle", "Vocational training"},
	}},
}

func seedCategories(app core.App) error {
	col, err := app.FindCollectionByNameOrId(s.Categories)
	if err != nil {
		return err
	}
	for i, t := range taxonomy {
		parent, err := saveCategory(app, col, t, [3]string{t.slug, t.fr, t.en}, "", i)
		if err != nil {
			return err
		}
		for j, sub := range t.subs {
			if _, err := saveCategory(app, col, t, sub, parent, j); err != nil {
				return err
			}
		}
	}
	return nil
}

func saveCategory(app core.App, col *core.Collection, t theme, names [3]string, parent string, order int) (string, error) {
	r := core.NewRecord(col)
	r.Load(map[string]any{
		"slug": names[0], "nameFr": names[1], "nameEn": names[2],
		"icon": t.icon, "color": t.color, "order": order, "parent": parent,
	})
	if err := app.Save(r); err != nil {
		return "", err
	}
	return r.Id, nil
}
