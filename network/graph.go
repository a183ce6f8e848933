package network

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/search"

	s "github.com/maillage/maillage/schema"
)

// Node is one organisation, initiative or community of the network.
type Node struct {
	ID         string   `json:"id"`
	Collection string   `json:"collection"`
	Name       string   `json:"name"`
	Categories []string `json:"categories"`
	Commune    string   `json:"commune"`
}

// Key names the node across collections: "collection/id".
func (n Node) Key() string { return n.Collection + "/" + n.ID }

// Edge is one confirmed link between two nodes of the network.
type Edge struct {
	ID             string `json:"id"`
	From           string `json:"from"`
	FromCollection string `json:"fromCollection"`
	To             string `json:"to"`
	ToCollection   string `json:"toCollection"`
	Type           string `json:"type"`
	Directed       bool   `json:"directed"`
	Start          string `json:"start"`
}

// Graph is the network a requester may read: confirmed links whose both nodes they may read,
// and those nodes.
type Graph struct {
	Nodes []Node `json:"nodes"`
	Edges []Edge `json:"edges"`
}

// Filter narrows the network: links of one type; links with at least one node in a category
// (id or slug) or a commune (id or INSEE code). Empty fields keep everything.
type Filter struct {
	Type, Category, Commune string
}

// Build returns the network info's requester may read, narrowed by f: the confirmed links
// their list rule lets them read, between nodes the nodes' list rules let them read (deleted
// ones left out).
func Build(app core.App, info *core.RequestInfo, f Filter) (*Graph, error) {
	links, err := readableLinks(app, info, f.Type)
	if err != nil {
		return nil, err
	}
	nodes, err := readableNodes(app, info, links)
	if err != nil {
		return nil, err
	}
	keep, err := nodeFilter(app, f)
	if err != nil {
		return nil, err
	}
	return assemble(links, nodes, keep), nil
}

// assemble keeps the links whose both nodes are readable and one of them kept, with their nodes.
func assemble(links []*core.Record, nodes map[string]Node, keep func(Node) bool) *Graph {
	g := &Graph{Nodes: []Node{}, Edges: []Edge{}}
	seen := map[string]bool{}
	for _, l := range links {
		from, okFrom := nodes[endKey(l, s.FieldLinkFromCollection, s.FieldLinkFromID)]
		to, okTo := nodes[endKey(l, s.FieldLinkToCollection, s.FieldLinkToID)]
		if !okFrom || !okTo || (!keep(from) && !keep(to)) {
			continue
		}
		g.Edges = append(g.Edges, edgeOf(l))
		for _, n := range []Node{from, to} {
			if !seen[n.Key()] {
				seen[n.Key()] = true
				g.Nodes = append(g.Nodes, n)
			}
		}
	}
	return g
}

func edgeOf(l *core.Record) Edge {
	start := ""
	if d := l.GetDateTime(s.FieldLinkStart); !d.IsZero() {
		start = d.Time().Format("2006-01-02")
	}
	return Edge{
		ID: l.Id, Type: l.GetString(s.FieldLinkType), Directed: l.GetBool(s.FieldLinkDirected), Start: start,
		From: l.GetString(s.FieldLinkFromID), FromCollection: l.GetString(s.FieldLinkFromCollection),
		To: l.GetString(s.FieldLinkToID), ToCollection: l.GetString(s.FieldLinkToCollection),
	}
}

func endKey(l *core.Record, collField, idField string) string {
	return l.GetString(collField) + "/" + l.GetString(idField)
}

// readableLinks returns the confirmed links (of type linkType when given) info may list.
func readableLinks(app core.App, info *core.RequestInfo, linkType string) ([]*core.Record, error) {
	c, err := app.FindCachedCollectionByNameOrId(s.Links)
	if err != nil {
		return nil, fmt.Errorf("collection %s: %w", s.Links, err)
	}
	q := app.RecordQuery(c).AndWhere(dbx.HashExp{c.Name + "." + s.FieldStatus: s.LinkConfirmed}).
		OrderBy(c.Name + ".id")
	if linkType != "" {
		q.AndWhere(dbx.HashExp{c.Name + "." + s.FieldLinkType: linkType})
	}
	return listReadable(app, info, c, q)
}

// readableNodes returns, by key, the nodes of links that info may list and that are not deleted.
func readableNodes(app core.App, info *core.RequestInfo, links []*core.Record) (map[string]Node, error) {
	ids := map[string][]any{}
	for _, l := range links {
		for _, end := range [][2]string{{s.FieldLinkFromCollection, s.FieldLinkFromID}, {s.FieldLinkToCollection, s.FieldLinkToID}} {
			coll := l.GetString(end[0])
			ids[coll] = append(ids[coll], l.GetString(end[1]))
		}
	}
	nodes := map[string]Node{}
	for coll, list := range ids {
		c, err := app.FindCachedCollectionByNameOrId(coll)
		if err != nil {
			return nil, fmt.Errorf("collection %s: %w", coll, err)
		}
		recs, err := listReadable(app, info, c, app.RecordQuery(c).AndWhere(dbx.In(c.Name+".id", list...)))
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			if !r.GetBool(s.FieldDeleted) {
				n := nodeOf(r)
				nodes[n.Key()] = n
			}
		}
	}
	return nodes, nil
}

func nodeOf(r *core.Record) Node {
	return Node{
		ID: r.Id, Collection: r.Collection().Name, Name: r.GetString("name"),
		Categories: append([]string{}, r.GetStringSlice("categories")...), Commune: r.GetString(s.FieldCommune),
	}
}

// listReadable runs q restricted by c's list rule for info. Superusers read all; a nil list
// rule reads nothing for everyone else. Rows come once each, whatever the rule's joins.
func listReadable(app core.App, info *core.RequestInfo, c *core.Collection, q *dbx.SelectQuery) ([]*core.Record, error) {
	if !info.HasSuperuserAuth() {
		if c.ListRule == nil {
			return nil, nil
		}
		if *c.ListRule != "" {
			resolver := core.NewRecordFieldResolver(app, c, info, true)
			expr, err := search.FilterData(*c.ListRule).BuildExpr(resolver)
			if err != nil {
				return nil, fmt.Errorf("list rule of %s: %w", c.Name, err)
			}
			q.AndWhere(expr)
			if err := resolver.UpdateQuery(q); err != nil {
				return nil, fmt.Errorf("list rule of %s: %w", c.Name, err)
			}
		}
	}
	var recs []*core.Record
	if err := q.Distinct(true).All(&recs); err != nil {
		return nil, fmt.Errorf("read %s: %w", c.Name, err)
	}
	return recs, nil
}

// nodeFilter returns the test a node passes for f's category and commune (ids, a category's
// slug or a commune's code).
func nodeFilter(app core.App, f Filter) (func(Node) bool, error) {
	category, err := resolveID(app, s.Categories, "slug", f.Category)
	if err != nil {
		return nil, err
	}
	commune, err := resolveID(app, s.Communes, "code", f.Commune)
	if err != nil {
		return nil, err
	}
	return func(n Node) bool {
		return (category == "" || contains(n.Categories, category)) && (commune == "" || n.Commune == commune)
	}, nil
}

// resolveID returns the id of the record of coll whose id or field is value; "" when value
// is empty, and an id nothing has when nothing matches (so that the filter keeps nothing).
func resolveID(app core.App, coll, field, value string) (string, error) {
	if value == "" {
		return "", nil
	}
	recs, err := app.FindAllRecords(coll, dbx.Or(dbx.HashExp{"id": value}, dbx.HashExp{field: value}))
	if err != nil {
		return "", fmt.Errorf("find %s %q: %w", coll, value, err)
	}
	if len(recs) == 0 {
		return "\x00none", nil
	}
	return recs[0].Id, nil
}
