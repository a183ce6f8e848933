package export

import "strings"

// Defaults of Config: the Open Database Licence, which keeps a shared database open.
const (
	DefaultLicence     = "ODbL-1.0"
	DefaultAttribution = "Contributeurs de Maillage"
)

// knownLicences are the canonical pages of the licences open data usually comes under, by SPDX
// identifier; another identifier links to its SPDX page, a URL to itself.
var knownLicences = map[string]string{
	"ODbL-1.0":     "https://opendatacommons.org/licenses/odbl/1-0/",
	"ODC-By-1.0":   "https://opendatacommons.org/licenses/by/1-0/",
	"PDDL-1.0":     "https://opendatacommons.org/licenses/pddl/1-0/",
	"etalab-2.0":   "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
	"CC0-1.0":      "https://creativecommons.org/publicdomain/zero/1.0/",
	"CC-BY-4.0":    "https://creativecommons.org/licenses/by/4.0/",
	"CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
}

// Config is the licence every export carries (flags --data-licence and --data-attribution).
type Config struct {
	// Licence is the territory's data licence: an SPDX identifier ("ODbL-1.0") or a URL.
	Licence string
	// LicenceURL is the licence's text; empty derives it from Licence.
	LicenceURL string
	// Attribution is the credit re-users must give ("Contributeurs de Maillage").
	Attribution string
}

// WithDefaults returns c with its empty fields filled with the defaults.
func (c Config) WithDefaults() Config {
	c.Licence = strings.TrimSpace(c.Licence)
	if c.Licence == "" {
		c.Licence = DefaultLicence
	}
	if strings.TrimSpace(c.Attribution) == "" {
		c.Attribution = DefaultAttribution
	}
	if c.LicenceURL == "" {
		c.LicenceURL = LicenceURL(c.Licence)
	}
	return c
}

// LicenceURL is the page of licence: a known licence's canonical page, licence itself when it
// is a URL, else its SPDX page.
func LicenceURL(licence string) string {
	if u, ok := knownLicences[licence]; ok {
		return u
	}
	if strings.HasPrefix(licence, "https://") || strings.HasPrefix(licence, "http://") {
		return licence
	}
	return "https://spdx.org/licenses/" + licence + ".html"
}
