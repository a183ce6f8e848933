package main

import (
	"time"

	"github.com/maillage/maillage/demo/dataset"
)

type offerTemplate struct {
	kind, mode, title, category, description string
	price, currency                          float64
}

// offerTemplates covers every mode, each as an offer and as a need.
var offerTemplates = []offerTemplate{
	{"offer", "sale", "Vends vélo de ville 26 pouces", "velo", "Révisé à l'atelier vélo, pneus neufs.", 60, 0},
	{"need", "sale", "Cherche ordinateur portable d'occasion", "reemploi-informatique", "Pour les devoirs d'un collégien, budget modeste.", 150, 0},
	{"offer", "sale", "Vends plants de tomates", "jardins-partages", "Variétés anciennes, semées au jardin partagé.", 2, 0},
	{"offer", "rental", "Loue remorque de vélo cargo", "velo", "À la journée, pour un déménagement ou des courses.", 10, 0},
	{"need", "rental", "Cherche salle pour un atelier du samedi", "tiers-lieux", "Une vingtaine de personnes, une fois par mois.", 30, 0},
	{"need", "rental", "Cherche à louer une place de jardin", "jardins-partages", "Petite parcelle pour la saison.", 15, 0},
	{"offer", "barter", "Échange semis contre confitures", "jardins-partages", "Courgettes, basilic et capucines contre pots maison.", 0, 0},
	{"need", "barter", "Cherche outils de jardin contre cours de couture", "entraide", "Bêche et râteau bienvenus.", 0, 0},
	{"offer", "barter", "Troc de livres jeunesse", "bibliotheques", "Une trentaine d'albums à échanger contre d'autres.", 0, 0},
	{"offer", "localCurrency", "Cours de cuisine payables en monnaie locale", "cuisine-collective", "Cuisine du monde en petit groupe.", 0, 15},
	{"need", "localCurrency", "Réparation de machine à coudre contre monnaie locale", "repair-cafes", "La canette ne tourne plus.", 0, 20},
	{"offer", "localCurrency", "Paniers de légumes en monnaie locale", "amap", "Petits paniers de saison chaque semaine.", 0, 12},
	{"offer", "gift", "Donne livres pour enfants", "bibliotheques", "Albums de 3 à 8 ans, bon état.", 0, 0},
	{"need", "gift", "Cherche cartons de déménagement", "entraide", "Une vingtaine, à récupérer en fin de semaine.", 0, 0},
	{"offer", "gift", "Donne meuble à chaussures", "ressourceries", "À venir chercher, démontable.", 0, 0},
	{"offer", "loan", "Prête perceuse-visseuse", "entraide", "Avec forets béton et bois, rendue sous une semaine.", 0, 0},
	{"need", "loan", "Besoin d'emprunter un escabeau", "entraide", "Pour repeindre un plafond, un week-end.", 0, 0},
	{"offer", "loan", "Prête appareil à raclette", "entraide", "Huit personnes, pour une soirée.", 0, 0},
	{"offer", "service", "Aide aux démarches en ligne pour les aînés", catMediation, "Une heure par semaine, à domicile ou au café.", 0, 0},
	{"need", "service", "Cherche aide pour traduire un courrier administratif", "langues", "Courrier en français, explication en arabe ou en tamoul.", 0, 0},
	{"offer", "service", "Soutien scolaire en mathématiques", "soutien-scolaire", "Étudiante, niveau collège, le mercredi après-midi.", 0, 0},
}

// offers places each template near a real place.
func (g *generator) offers() []dataset.Offer {
	out := make([]dataset.Offer, 0, len(offerTemplates))
	for i, tpl := range offerTemplates {
		out = append(out, dataset.Offer{
			Common: g.fictional("offer", i, tpl.description, tpl.category, 500),
			Title:  tpl.title + demoSuffix, Kind: tpl.kind, Mode: tpl.mode,
			Price: tpl.price, CurrencyAmount: tpl.currency,
			Expires: agendaStart.AddDate(0, 0, 60+g.intn(60)).Format(time.RFC3339),
		})
	}
	return out
}
