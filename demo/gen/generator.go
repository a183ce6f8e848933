package main

import (
	"fmt"
	"math/rand/v2"

	"github.com/maillage/maillage/demo/dataset"
)

// Fixed seed and base date: the generated content must not change from one run to the next.
const (
	seedA, seedB = 93, 2025
	demoPrefix   = "Contenu de démonstration (fictif). "
	demoSuffix   = " (démo)"
)

// generator places fictional demo content around the real places of the territory.
type generator struct {
	t      *territory
	places []dataset.Initiative
	rng    *rand.PCG
}

func newGenerator(t *territory, places []dataset.Initiative) *generator {
	return &generator{t: t, places: places, rng: rand.NewPCG(seedA, seedB)}
}

// intn draws from the raw PCG stream, which is specified, rather than from helpers whose
// algorithm could change between Go releases.
func (g *generator) intn(n int) int { return int(g.rng.Uint64() % uint64(n)) }

// unit returns a number in [-1, 1).
func (g *generator) unit() float64 { return float64(g.rng.Uint64()>>11)/(1<<52) - 1 }

// place picks a real place.
func (g *generator) place() dataset.Initiative { return g.places[g.intn(len(g.places))] }

// near returns a point within about radius metres of p, inside the commune p is in.
func (g *generator) near(p dataset.Point, commune string, radius float64) dataset.Point {
	const metresPerDegLat = 111_320.0
	for range 30 {
		q := dataset.Point{
			Lon: round(p.Lon+g.unit()*radius/(metresPerDegLat*0.657), 5), // cos(48.93°) ≈ 0.657
			Lat: round(p.Lat+g.unit()*radius/metresPerDegLat, 5),
		}
		if a, ok := g.t.locate(q); ok && a.commune == commune {
			return q
		}
	}
	return p
}

// fictional returns the common part of the i-th fictional record of kind: its reference, its
// description marked as fictional, one category, and a point within radius metres of a real place.
func (g *generator) fictional(kind string, i int, description, category string, radius float64) dataset.Common {
	anchor := g.place()
	return dataset.Common{
		Ref:         demoRef(kind, i),
		Description: demoPrefix + description,
		Geo:         g.near(anchor.Geo, anchor.Commune, radius),
		Commune:     anchor.Commune,
		Categories:  []string{category},
	}
}

func demoRef(kind string, i int) dataset.Ref {
	return dataset.Ref{Source: sourceDemo, ExternalID: fmt.Sprintf("%s-%02d", kind, i+1)}
}

type orgTemplate struct{ name, category, description string }

var orgTemplates = []orgTemplate{
	{"Jardin partagé Les Pousses", "jardins-partages", "Un jardin potager cultivé par les habitants du quartier, ouvert à tous les week-ends."},
	{"Atelier vélo de la Plaine", "velo", "Atelier participatif d'auto-réparation de vélos : outils, pièces d'occasion et conseils."},
	{"Repair café Les Bricoleurs", "repair-cafes", "Des bénévoles aident à réparer petit électroménager, vêtements et objets du quotidien."},
	{"Collectif Numérique Solidaire", "reemploi-informatique", "Reconditionne des ordinateurs donnés par les entreprises et les remet à des familles."},
	{"AMAP Les Paniers voisins", "amap", "Paniers de légumes d'un maraîcher francilien, distribués chaque semaine aux adhérents."},
	{"Ressourcerie La Seconde Main", "ressourceries", "Collecte, remet en état et revend à petits prix meubles, vêtements et objets."},
}

// organisations returns a few fictional organisations near real places.
func (g *generator) organisations() []dataset.Organisation {
	out := make([]dataset.Organisation, 0, len(orgTemplates))
	for i, tpl := range orgTemplates {
		out = append(out, dataset.Organisation{
			Common: g.fictional("org", i, tpl.description, tpl.category, 600),
			Name:   tpl.name + demoSuffix,
		})
	}
	return out
}
