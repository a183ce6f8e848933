package main

import (
	"fmt"
	"time"

	"github.com/maillage/maillage/demo/dataset"
)

const timezone = "Europe/Paris"

// agendaStart is the first day of the demo agenda (a Tuesday).
var agendaStart = time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC)

type eventTemplate struct {
	title, category, description, price string
	hour, minutes                       int    // local start time and duration
	org                                 int    // index in orgTemplates of the organiser, -1: a workshop at a real place
	freq                                string // "", "WEEKLY" or "MONTHLY"
}

var eventTemplates = []eventTemplate{
	{"Atelier : premiers pas sur smartphone", catMediation, "Apprendre à utiliser son téléphone : appels, photos, messages, applications utiles.", "Gratuit", 10, 120, -1, "WEEKLY"},
	{"Permanence : déclarer ses revenus en ligne", catFranceServices, "Un conseiller accompagne la création de l'espace particulier et la déclaration.", "Gratuit", 14, 180, -1, ""},
	{"Café numérique : sécuriser ses comptes", catMediation, "Mots de passe, double authentification, arnaques courantes : on en parle autour d'un café.", "Gratuit", 15, 90, -1, "MONTHLY"},
	{"Atelier : prendre rendez-vous chez le médecin en ligne", "acces-aux-soins", "Compte santé, rendez-vous en ligne, téléconsultation : démonstration et pratique.", "Gratuit", 10, 90, -1, ""},
	{"Atelier : rédiger son CV sur ordinateur", "formation", "Traitement de texte, modèle de CV et envoi par courriel.", "Gratuit", 14, 120, -1, ""},
	{"Chantier participatif au jardin", "jardins-partages", "Désherbage, semis et paillage, suivis d'un goûter partagé.", "Gratuit", 10, 180, 0, ""},
	{"Atelier réparation vélo", "velo", "Venez avec votre vélo : freins, crevaisons, dérailleur.", "Prix libre", 14, 180, 1, "WEEKLY"},
	{"Repair café", "repair-cafes", "Apportez un objet en panne, réparons-le ensemble.", "Gratuit", 14, 240, 2, "MONTHLY"},
	{"Install party : Linux sur vos vieux ordinateurs", "reemploi-informatique", "Redonner vie à un ordinateur lent avec un système libre.", "Gratuit", 13, 240, 3, ""},
	{"Distribution des paniers", "amap", "Distribution hebdomadaire des paniers de légumes aux adhérents.", "Adhésion", 18, 90, 4, "WEEKLY"},
	{"Grande collecte de vêtements et d'objets", "ressourceries", "Déposez ce qui ne vous sert plus : tout sera trié, réparé et revendu.", "Gratuit", 10, 300, 5, ""},
	{"Disco soupe", "anti-gaspillage", "On cuisine en musique des légumes invendus, puis on partage la soupe.", "Gratuit", 18, 150, 4, ""},
}

// eventsPerTemplate instances of each template make a few dozen events.
const eventsPerTemplate = 3

// events places the templates at real places (workshops) or with demo organisations.
func (g *generator) events(orgs []dataset.Organisation) []dataset.Event {
	var out []dataset.Event
	paris, err := time.LoadLocation(timezone)
	if err != nil {
		panic(fmt.Sprintf("time zone %s: %v", timezone, err)) // the generator runs on a dev machine with tzdata
	}
	for _, tpl := range eventTemplates {
		for k := range eventsPerTemplate {
			e := g.event(tpl, len(out), paris)
			if tpl.org >= 0 {
				g.hostByOrg(&e, orgs[tpl.org], k)
			} else {
				g.hostAtPlace(&e)
			}
			out = append(out, e)
			if tpl.freq != "" {
				break // one recurring series stands for many dates
			}
		}
	}
	return out
}

func (g *generator) event(tpl eventTemplate, n int, paris *time.Location) dataset.Event {
	day := agendaStart.AddDate(0, 0, g.intn(84))
	start := time.Date(day.Year(), day.Month(), day.Day(), tpl.hour, 0, 0, 0, paris)
	e := dataset.Event{
		Common: dataset.Common{
			Ref:         demoRef("event", n),
			Description: demoPrefix + tpl.description,
			Categories:  []string{tpl.category},
		},
		Title:    tpl.title + demoSuffix,
		Start:    start.UTC().Format(time.RFC3339),
		End:      start.Add(time.Duration(tpl.minutes) * time.Minute).UTC().Format(time.RFC3339),
		Timezone: timezone,
		Price:    tpl.price,
	}
	if tpl.freq != "" {
		e.RRule = rrule(tpl.freq, start)
	}
	return e
}

// rrule repeats on the start's weekday: every week, or on the same nth weekday each month.
func rrule(freq string, start time.Time) string {
	day := [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}[start.Weekday()]
	if freq == "MONTHLY" {
		return fmt.Sprintf("FREQ=MONTHLY;BYDAY=%d%s", (start.Day()-1)/7+1, day)
	}
	return "FREQ=WEEKLY;BYDAY=" + day
}

func (g *generator) hostAtPlace(e *dataset.Event) {
	p := g.place()
	ref := p.Ref
	e.Initiative, e.Place, e.Geo, e.Commune = &ref, p.Name+", "+p.Address, p.Geo, p.Commune
}

// hostByOrg holds the first instance at the organisation's place, the others near a real place.
func (g *generator) hostByOrg(e *dataset.Event, org dataset.Organisation, k int) {
	ref := org.Ref
	e.Organiser, e.Place, e.Geo, e.Commune = &ref, org.Name, org.Geo, org.Commune
	if k > 0 {
		p := g.place()
		e.Geo, e.Commune = g.near(p.Geo, p.Commune, 400), p.Commune
		e.Place = "Près de : " + p.Name
	}
}
