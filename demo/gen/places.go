package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/maillage/maillage/demo/dataset"
)

// Sources of the real places, stored in each initiative's source field.
const (
	sourceFranceServices = "anct-france-services"
	sourceCNFS           = "anct-cnfs-2022"
)

// Category slugs of migrations/1763740802_seed_categories.go.
const (
	catFranceServices = "france-services"
	catMediation      = "mediation-numerique"
)

// sameplaceMeters: two records this close describe one place (both files list, for example,
// L'Île-Saint-Denis France services at the very same coordinates).
const samePlaceMeters = 30

// readPlaces returns the France services and CNFS places inside the territory, deduplicated,
// France services first, each file in its own order.
func readPlaces(dataDir string, t *territory) ([]dataset.Initiative, error) {
	fs, err := readFranceServices(filepath.Join(dataDir, "poi", "france-services-93-seine-saint-denis.csv"), t)
	if err != nil {
		return nil, err
	}
	cnfs, err := readCNFS(filepath.Join(dataDir, "poi", "lieux-cnfs-93-2022.json"), t)
	if err != nil {
		return nil, err
	}
	places := fs
	for _, c := range cnfs {
		if i := nearest(places, c.Geo); i >= 0 {
			mergeInto(&places[i], c)
			continue
		}
		places = append(places, c)
	}
	return places, nil
}

// nearest returns the index of a place within samePlaceMeters of p, or -1.
func nearest(places []dataset.Initiative, p dataset.Point) int {
	for i, pl := range places {
		if distanceMeters(pl.Geo, p) < samePlaceMeters {
			return i
		}
	}
	return -1
}

// mergeInto keeps dst (France services) and adds what the CNFS record knows about the place.
func mergeInto(dst *dataset.Initiative, c dataset.Initiative) {
	dst.Categories = append(dst.Categories, c.Categories...)
	dst.Description += " Également lieu de médiation numérique des Conseillers numériques " +
		"France Services (" + c.Name + ")."
	if dst.Website == "" {
		dst.Website = c.Website
	}
	if dst.OpeningHours == "" {
		dst.OpeningHours = c.OpeningHours
	}
}

func readFranceServices(path string, t *territory) ([]dataset.Initiative, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open france services: %w", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	col := columns(rows[0])
	var out []dataset.Initiative
	for _, r := range rows[1:] {
		get := func(name string) string { return strings.TrimSpace(r[col[name]]) }
		p, err := parsePoint(get("longitude"), get("latitude"))
		if err != nil {
			return nil, fmt.Errorf("france services %s: %w", get("id_fs"), err)
		}
		if a, ok := t.locate(p); ok {
			out = append(out, franceServices(get, p, a))
		}
	}
	return out, nil
}

func franceServices(get func(string) string, p dataset.Point, a area) dataset.Initiative {
	addr := get("adresse")
	if c := get("complement_adresse"); c != "" {
		addr += " (" + c + ")"
	}
	return dataset.Initiative{
		Common: dataset.Common{
			Ref:         dataset.Ref{Source: sourceFranceServices, ExternalID: get("id_fs")},
			Description: franceServicesDescription(get),
			Geo:         p, Commune: a.commune, Categories: []string{catFranceServices},
		},
		Name:         get("lib_fs"),
		Address:      addr + ", " + get("code_postal") + " " + a.locality,
		Contact:      joinNonEmpty(" · ", get("mail"), get("telephone")),
		OpeningHours: weekHours(get),
	}
}

func franceServicesDescription(get func(string) string) string {
	parts := []string{"Espace France services : un accueil de proximité pour les démarches administratives du quotidien."}
	if strings.HasPrefix(get("format_fs"), "Bus") {
		parts = append(parts, "Service itinérant (bus).")
	}
	if get("prise_rdv") == "Oui" {
		parts = append(parts, "Prise de rendez-vous possible.")
	}
	if c := get("commentaire"); c != "" {
		parts = append(parts, strings.Join(strings.Fields(c), " ")+".")
	}
	if l := get("labellisation_fs"); l != "" {
		parts = append(parts, l+".")
	}
	return strings.Join(parts, " ")
}

// cnfsPlace is a record of lieux-cnfs-93-2022.json.
type cnfsPlace struct {
	ID         string  `json:"id"`
	Name       string  `json:"nom"`
	PostCode   string  `json:"code_postal"`
	Address    string  `json:"adresse"`
	Lat        float64 `json:"latitude"`
	Lon        float64 `json:"longitude"`
	Website    string  `json:"site_web"`
	Hours      string  `json:"horaires"`
	Phone      string  `json:"telephone"`
	Email      string  `json:"courriel"`
	Updated    string  `json:"date_maj"`
	Services   string  `json:"services"`
	Conditions string  `json:"conditions_access"`
	Labels     string  `json:"labels_nationaux"`
}

func readCNFS(path string, t *territory) ([]dataset.Initiative, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read cnfs: %w", err)
	}
	var places []cnfsPlace
	if err := json.Unmarshal(b, &places); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	var out []dataset.Initiative
	for _, c := range places {
		p := dataset.Point{Lon: round(c.Lon, 6), Lat: round(c.Lat, 6)}
		if a, ok := t.locate(p); ok {
			out = append(out, cnfs(c, p, a))
		}
	}
	return out, nil
}

func cnfs(c cnfsPlace, p dataset.Point, a area) dataset.Initiative {
	desc := "Lieu de médiation numérique des Conseillers numériques France Services. " +
		"Services : " + c.Services + ". Accès : " + c.Conditions + ". Labels : " + c.Labels +
		". Informations du " + c.Updated + "."
	return dataset.Initiative{
		Common: dataset.Common{
			Ref:         dataset.Ref{Source: sourceCNFS, ExternalID: c.ID},
			Description: desc, Geo: p, Commune: a.commune, Categories: []string{catMediation},
		},
		Name:         strings.TrimSpace(c.Name),
		Address:      strings.TrimSpace(c.Address) + ", " + c.PostCode + " " + a.locality,
		Contact:      joinNonEmpty(" · ", c.Email, phone(c.Phone)),
		OpeningHours: c.Hours,
		Website:      c.Website,
	}
}

// phone drops placeholders such as "+33" that carry no number.
func phone(s string) string {
	digits := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	if digits < 10 {
		return ""
	}
	return s
}

func parsePoint(lon, lat string) (dataset.Point, error) {
	x, err := strconv.ParseFloat(lon, 64)
	if err != nil {
		return dataset.Point{}, fmt.Errorf("longitude %q: %w", lon, err)
	}
	y, err := strconv.ParseFloat(lat, 64)
	if err != nil {
		return dataset.Point{}, fmt.Errorf("latitude %q: %w", lat, err)
	}
	return dataset.Point{Lon: round(x, 6), Lat: round(y, 6)}, nil
}

func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}
