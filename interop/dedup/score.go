package dedup

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/adrg/strutil"
	"github.com/adrg/strutil/metrics"

	"github.com/maillage/maillage/geo"
)

// The scoring constants: the formula is documented in docs/interop.md, "Duplicates".
const (
	// RadiusMeters is how close two located records must be to be candidates by distance.
	RadiusMeters = 100.0
	// FarMeters is the distance from which two located records are certainly two places.
	FarMeters = 1000.0
	// MinScore is the score from which a candidate pair is stored for moderators.
	MinScore = 0.5
	// EventWindow is how far apart two events may start and still be the same one.
	EventWindow = 3 * time.Hour

	weightName    = 0.5
	weightNear    = 0.3
	weightFar     = 0.5
	weightContact = 0.3 // a same phone number or e-mail address
	weightWebsite = 0.2
)

// Subject is a record as duplicate detection sees it: normalised name and contact keys, its
// location (nil when it has none) and, for events, its start.
type Subject struct {
	ID       string
	Name     string // NormaliseName of the name or title
	Geo      *geo.Point
	Websites []string
	Phones   []string
	Emails   []string
	Start    time.Time // events only
}

// Reasons says why a pair scored what it did; it is stored with the pair for moderators.
type Reasons struct {
	// Distance in metres, when both records are located.
	Distance *float64 `json:"distance,omitempty"`
	// Name is the similarity of the normalised names, 0 to 1.
	Name    float64 `json:"name"`
	Website bool    `json:"website,omitempty"`
	Phone   bool    `json:"phone,omitempty"`
	Email   bool    `json:"email,omitempty"`
}

// dice is the name similarity: Sørensen–Dice over character bigrams, which tolerates typos
// and reordered words and gives unrelated names sharing a first word a low score.
var dice = metrics.NewSorensenDice()

// differentNumbers caps the similarity of names whose numbers differ: "Salle 1" and "Salle 2",
// "AMAP 93" and "AMAP 94" are two, however alike their letters.
const differentNumbers = 0.4

// NameSimilarity compares two normalised names, 0 (nothing in common) to 1 (equal).
func NameSimilarity(a, b string) float64 {
	if a == "" || b == "" {
		return 0
	}
	sim := strutil.Similarity(a, b, dice)
	if na, nb := numbers(a), numbers(b); na != "" && nb != "" && na != nb {
		return math.Min(sim, differentNumbers)
	}
	return sim
}

// numbers lists the numbers of a normalised name, in order ("lot 3 bis 12" → "3 12").
func numbers(name string) string {
	var out []string
	for _, w := range strings.Fields(name) {
		if w[0] >= '0' && w[0] <= '9' {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// Score rates how likely a and b are one and the same, 0 to 1:
//
//	0.5·name + 0.3·near − 0.5·far + 0.3·[same phone or e-mail] + 0.2·[same website]
//
// clamped to [0, 1], where near falls from 1 at 0 m to 0 at RadiusMeters and far rises from 0
// at RadiusMeters to 1 at FarMeters (both 0 when either record has no location).
func Score(a, b Subject) (float64, Reasons) {
	r := Reasons{Name: round(NameSimilarity(a.Name, b.Name), 100)}
	score := weightName * r.Name
	if a.Geo != nil && b.Geo != nil {
		d := geo.DistanceMeters(*a.Geo, *b.Geo)
		r.Distance = ptr(round(d, 10))
		score += weightNear*near(d) - weightFar*far(d)
	}
	r.Phone = shares(a.Phones, b.Phones)
	r.Email = shares(a.Emails, b.Emails)
	r.Website = shares(a.Websites, b.Websites)
	if r.Phone || r.Email {
		score += weightContact
	}
	if r.Website {
		score += weightWebsite
	}
	return round(math.Max(0, math.Min(1, score)), 1000), r
}

// Comparable reports whether a and b may be duplicates at all: two events must start within
// EventWindow of each other.
func Comparable(a, b Subject) bool {
	if a.Start.IsZero() && b.Start.IsZero() {
		return true
	}
	d := a.Start.Sub(b.Start)
	return d <= EventWindow && d >= -EventWindow
}

func near(d float64) float64 { return math.Max(0, 1-d/RadiusMeters) }

func far(d float64) float64 {
	return math.Max(0, math.Min(1, (d-RadiusMeters)/(FarMeters-RadiusMeters)))
}

func shares(a, b []string) bool {
	for _, x := range a {
		if x != "" && slices.Contains(b, x) {
			return true
		}
	}
	return false
}

func round(x, per float64) float64 { return math.Round(x*per) / per }

func ptr(x float64) *float64 { return &x }
