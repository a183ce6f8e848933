package gogocarto

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"

	"github.com/maillage/maillage/interop/formats/input"
)

// Category is one category of a GoGoCarto taxonomy, as the importer needs it to map or
// create Maillage's categories.
type Category struct {
	// ID is GoGoCarto's option id, the one elements list in optionValues.
	ID   string
	Name string
	// ShortName is the map's short label ("Agriculture" for "Agriculture & Alimentation").
	ShortName string
	// Parent is the ID of the category this one refines; "" for a top category.
	Parent string
	// Group names the set of options the category belongs to ("Type", "Produits").
	Group string
	// Color is the category's marker colour ("#98A100"), "" when it inherits its parent's.
	Color string
}

// option and group are a taxonomy's two levels: a group of options (the root, and each
// subcategory), and an option (a category) with its own groups.
type option struct {
	ID            json.RawMessage `json:"id"`
	Name          string          `json:"name"`
	NameShort     string          `json:"nameShort"`
	Color         string          `json:"color"`
	Subcategories []group         `json:"subcategories"`
}

type group struct {
	Name    string   `json:"name"`
	Options []option `json:"options"`
}

// maxDepth bounds the nesting of a taxonomy, so that a hostile file cannot exhaust the stack.
const maxDepth = 32

// DecodeTaxonomy reads a GoGoCarto taxonomy (a category group, or a list of them) into its
// categories, parents before their children.
func DecodeTaxonomy(r io.Reader) ([]Category, error) {
	data, err := input.ReadAll(r)
	if err != nil {
		return nil, err
	}
	var groups []group
	data = bytes.TrimSpace(data)
	if !bytes.HasPrefix(data, []byte("[")) {
		data = append(append([]byte("["), data...), ']')
	}
	if err := json.Unmarshal(data, &groups); err != nil {
		if !json.Valid(data) {
			return nil, input.Refuse(input.CodeNotJSON, "detail", err.Error())
		}
		return nil, input.Refuse(CodeTaxonomyShape)
	}
	var out []Category
	for _, g := range groups {
		out = walk(out, g, "", 0)
	}
	if len(out) == 0 {
		return nil, input.Refuse(CodeTaxonomyShape)
	}
	return out, input.CheckCount(len(out))
}

// walk appends the options of g, under parent, and their descendants.
func walk(out []Category, g group, parent string, depth int) []Category {
	if depth > maxDepth {
		return out
	}
	for _, o := range g.Options {
		c := Category{ID: text(o.ID), Name: strings.TrimSpace(o.Name), ShortName: strings.TrimSpace(o.NameShort),
			Parent: parent, Group: strings.TrimSpace(g.Name), Color: strings.TrimSpace(o.Color)}
		if c.ID == "" || c.Name == "" {
			continue
		}
		out = append(out, c)
		for _, sub := range o.Subcategories {
			out = walk(out, sub, c.ID, depth+1)
		}
	}
	return out
}
