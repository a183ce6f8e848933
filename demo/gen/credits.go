package main

import "github.com/maillage/maillage/demo/dataset"

const (
	licenceOuverte    = "Licence Ouverte / Etalab 2.0"
	licenceOuverteURL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
)

// credits is the attribution the sources' SOURCES.md files state, shown in the app.
var credits = []dataset.Credit{
	{
		Name:     "Liste des structures France services (2024-08-01)",
		Producer: "ANCT (Agence nationale de la cohésion des territoires)",
		Licence:  licenceOuverte, LicenceURL: licenceOuverteURL,
		URL: "https://github.com/anct-carto/france_services",
	},
	{
		Name:     "Lieux de médiation numérique des Conseillers numériques France Services (2022)",
		Producer: "ANCT (Agence nationale de la cohésion des territoires)",
		Licence:  licenceOuverte, LicenceURL: licenceOuverteURL,
		URL: "https://github.com/anct-cartographie-nationale/client-application",
	},
	{
		Name:     "Contours des communes de la Seine-Saint-Denis (Admin Express COG 2018)",
		Producer: "IGN, INSEE (via france-geojson)",
		Licence:  licenceOuverte, LicenceURL: licenceOuverteURL,
		URL: "https://github.com/gregoiredavid/france-geojson",
	},
	{
		Name:     "Code officiel géographique 2026 (noms et fusions de communes)",
		Producer: "INSEE (via découpage-administratif)",
		Licence:  licenceOuverte, LicenceURL: licenceOuverteURL,
		URL: "https://github.com/datagouv/decoupage-administratif",
	},
}
