package network

import (
	"fmt"
)

// KumuBlueprint is Kumu's JSON import ("blueprint"): elements and connections. Kumu matches
// connections to elements by label, so labels are made unique ("Name (2)" for a second node
// of the same name); each element also carries its Maillage key and page.
type KumuBlueprint struct {
	Elements    []KumuElement    `json:"elements"`
	Connections []KumuConnection `json:"connections"`
}

// KumuElement is one element of a blueprint.
type KumuElement struct {
	Label      string   `json:"label"`
	Type       string   `json:"type"`
	Tags       []string `json:"tags"`
	Commune    string   `json:"commune,omitempty"`
	MaillageID string   `json:"maillage id"`
	URL        string   `json:"url,omitempty"`
}

// KumuConnection is one connection of a blueprint; direction is Kumu's "directed" or
// "mutual".
type KumuConnection struct {
	From      string `json:"from"`
	To        string `json:"to"`
	Type      string `json:"type"`
	Direction string `json:"direction"`
	Start     string `json:"start,omitempty"`
}

// Kumu writes g as a Kumu blueprint, naming categories, communes and types with l; base is
// the site's address, for the elements' pages.
func Kumu(g *Graph, l *labels, base string) KumuBlueprint {
	bp := KumuBlueprint{Elements: []KumuElement{}, Connections: []KumuConnection{}}
	label := uniqueLabels(g.Nodes)
	for _, n := range g.Nodes {
		bp.Elements = append(bp.Elements, KumuElement{
			Label: label[n.Key()], Type: l.kind(n), Tags: splitNames(l.categoryNames(n)),
			Commune: l.communes[n.Commune], MaillageID: n.Key(), URL: PageURL(base, n),
		})
	}
	for _, e := range g.Edges {
		dir := "mutual"
		if e.Directed {
			dir = "directed"
		}
		bp.Connections = append(bp.Connections, KumuConnection{
			From: label[e.FromCollection+"/"+e.From], To: label[e.ToCollection+"/"+e.To],
			Type: l.linkType(e.Type), Direction: dir, Start: e.Start,
		})
	}
	return bp
}

// uniqueLabels names each node by its name, numbering the second and later of a name.
func uniqueLabels(nodes []Node) map[string]string {
	out := map[string]string{}
	used := map[string]int{}
	for _, n := range nodes {
		name := n.Name
		if name == "" {
			name = n.Key()
		}
		used[name]++
		if used[name] > 1 {
			name = fmt.Sprintf("%s (%d)", name, used[name])
		}
		out[n.Key()] = name
	}
	return out
}

// PageURL is the PWA page of n under base ("" gives a relative URL).
func PageURL(base string, n Node) string {
	return base + "/#/i/" + n.Collection + "/" + n.ID
}

func splitNames(joined string) []string {
	out := []string{}
	start := 0
	for i := 0; i <= len(joined); i++ {
		if i == len(joined) || joined[i] == '|' {
			if i > start {
				out = append(out, joined[start:i])
			}
			start = i + 1
		}
	}
	return out
}
