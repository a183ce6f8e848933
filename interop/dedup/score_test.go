package dedup

import (
	"testing"
	"time"

	"github.com/maillage/maillage/geo"
)

// at returns a point north of a fixed place in Saint-Denis by metres.
func at(metres float64) *geo.Point {
	return &geo.Point{Lon: 2.3580, Lat: 48.9360 + metres/111195.0}
}

func named(name string, p *geo.Point) Subject {
	return Subject{Name: NormaliseName(name), Geo: p}
}

func TestScore(t *testing.T) {
	phone := func(s Subject, p string) Subject { s.Phones = []string{NormalisePhone(p)}; return s }
	site := func(s Subject, w string) Subject { s.Websites = []string{NormaliseWebsite(w)}; return s }
	cases := []struct {
		name     string
		a, b     Subject
		min, max float64
	}{
		{"same name 30 m apart", named("Recyclerie du Canal", at(0)), named("La Recyclerie du Canal", at(30)), 0.7, 0.72},
		{"same name 5 km apart", named("Repair Café", at(0)), named("Repair Café", at(5000)), 0, 0},
		{"different names, same address, same phone",
			phone(named("Maison de quartier du Landy", at(0)), "01 41 66 36 20"),
			phone(named("Espace numérique Landy", at(5)), "+33 1 41 66 36 20"), 0.7, 0.8},
		{"two sources 20 m apart, slightly different names", named("Jardin partagé des Poireaux", at(0)), named("Jardin partage les Poireaux", at(20)), 0.7, 0.8},
		{"two neighbours with different names 10 m apart", named("Boulangerie Martin", at(0)), named("Pharmacie du Marché", at(10)), 0, MinScore - 0.01},
		{"similar names 300 m apart", named("Repair Café Stains", at(0)), named("Repair Café Stains Centre", at(300)), 0, MinScore - 0.01},
		{"same network 3 km apart, same website and phone",
			site(phone(named("France services Stains", at(0)), "01 80 00 00 00"), "https://france-services.gouv.fr"),
			site(phone(named("France services Saint-Denis", at(3000)), "01 80 00 00 00"), "france-services.gouv.fr/"), 0, MinScore - 0.01},
		{"same name, neither located", named("Les Amis du Parc", nil), named("Amis du parc", nil), MinScore, MinScore},
		{"two rooms of one place", named("Salle 1 de la Maison du Peuple", at(0)), named("Salle 2 de la Maison du Peuple", at(5)), 0, MinScore - 0.01},
		{"a number on one side only", named("AMAP 93", at(0)), named("AMAP", at(10)), MinScore, 1},
		{"nothing in common", named("Ressourcerie", at(0)), named("Garage solidaire", at(90)), 0, 0.2},
	}
	for _, c := range cases {
		got, why := Score(c.a, c.b)
		if got < c.min || got > c.max {
			t.Errorf("%s: score %.3f (%+v), want %.2f to %.2f", c.name, got, why, c.min, c.max)
		}
		back, _ := Score(c.b, c.a)
		if back != got {
			t.Errorf("%s: score not symmetric: %.3f one way, %.3f the other", c.name, got, back)
		}
	}
}

func TestScoreReasons(t *testing.T) {
	a := Subject{Name: "amap", Geo: at(0), Emails: []string{"x@y.fr"}, Websites: []string{"y.fr"}}
	b := Subject{Name: "amap", Geo: at(40), Emails: []string{"x@y.fr"}}
	_, why := Score(a, b)
	if why.Distance == nil || *why.Distance < 39.9 || *why.Distance > 40.1 || why.Name != 1 || !why.Email || why.Phone || why.Website {
		t.Errorf("reasons %+v (distance %v), want distance 40, name 1, email only", why, why.Distance)
	}
	_, why = Score(named("amap", nil), named("amap", at(0)))
	if why.Distance != nil {
		t.Errorf("distance %v for a record without location, want none", *why.Distance)
	}
}

func TestComparable(t *testing.T) {
	t0 := time.Date(2026, 5, 14, 18, 0, 0, 0, time.UTC)
	cases := []struct {
		a, b time.Time
		want bool
	}{
		{time.Time{}, time.Time{}, true},
		{t0, t0.Add(2 * time.Hour), true},
		{t0, t0.Add(-4 * time.Hour), false},
		{t0, t0.Add(7 * 24 * time.Hour), false},
	}
	for _, c := range cases {
		if got := Comparable(Subject{Start: c.a}, Subject{Start: c.b}); got != c.want {
			t.Errorf("Comparable(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
