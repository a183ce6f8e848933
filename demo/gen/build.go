package main

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/maillage/maillage/demo/dataset"
)

// territorySlug is the slug of the demo territory.
const territorySlug = "plaine-commune"

// sourceDemo marks every generated (fictional) record.
const sourceDemo = "maillage-demo"

const notice = "Les organisations, événements, offres et demandes de source « maillage-demo » sont fictifs, " +
	"générés pour la démonstration ; les communes et les lieux France services et de médiation " +
	"numérique sont réels (ANCT, IGN/INSEE, Licence Ouverte). / Records from source " +
	"\"maillage-demo\" are fictional demo content; communes and places are real open data."

// build derives the whole demo dataset from dataDir and encodes it.
func build(dataDir string) ([]byte, error) {
	terr, err := readTerritory(dataDir)
	if err != nil {
		return nil, err
	}
	places, err := readPlaces(dataDir, terr)
	if err != nil {
		return nil, err
	}
	d := dataset.Dataset{
		Territory: territorySlug, Notice: notice, Credits: credits,
		Communes: terr.communes(), Initiatives: places,
	}
	g := newGenerator(terr, places)
	d.Organisations = g.organisations()
	d.Events = g.events(d.Organisations)
	d.Offers = g.offers()
	return encode(d)
}

// encode writes d as JSON with one record per line, so that diffs of the committed file stay
// readable, without HTML escaping (L'Île-Saint-Denis stays readable too).
func encode(d dataset.Dataset) ([]byte, error) {
	var b bytes.Buffer
	head, err := marshal(struct {
		Territory string `json:"territory"`
		Notice    string `json:"notice"`
	}{d.Territory, d.Notice})
	if err != nil {
		return nil, err
	}
	b.Write(head[:len(head)-1])
	sections := []struct {
		name  string
		items func() ([][]byte, error)
	}{
		{"credits", func() ([][]byte, error) { return marshalAll(d.Credits) }},
		{"communes", func() ([][]byte, error) { return marshalAll(d.Communes) }},
		{"organisations", func() ([][]byte, error) { return marshalAll(d.Organisations) }},
		{"initiatives", func() ([][]byte, error) { return marshalAll(d.Initiatives) }},
		{"events", func() ([][]byte, error) { return marshalAll(d.Events) }},
		{"offers", func() ([][]byte, error) { return marshalAll(d.Offers) }},
	}
	for _, s := range sections {
		items, err := s.items()
		if err != nil {
			return nil, fmt.Errorf("encode %s: %w", s.name, err)
		}
		fmt.Fprintf(&b, ",\n%q: [\n", s.name)
		b.Write(bytes.Join(items, []byte(",\n")))
		b.WriteString("\n]")
	}
	b.WriteString("\n}\n")
	return b.Bytes(), nil
}

func marshalAll[T any](items []T) ([][]byte, error) {
	out := make([][]byte, 0, len(items))
	for _, it := range items {
		line, err := marshal(it)
		if err != nil {
			return nil, err
		}
		out = append(out, line)
	}
	return out, nil
}

func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}
