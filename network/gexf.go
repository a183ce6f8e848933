package network

import (
	"encoding/xml"
	"io"
	"time"
)

// GEXF 1.3 (gexf.net/1.3), the format Gephi reads. The graph's default edge type is directed;
// a link without direction is a "mutual" edge (both ways), which Gephi and other readers take
// as the undirected link it is.
const (
	gexfNamespace      = "http://gexf.net/1.3"
	gexfSchemaLocation = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
	xsiNamespace       = "http://www.w3.org/2001/XMLSchema-instance"
)

type gexfDoc struct {
	XMLName        xml.Name  `xml:"gexf"`
	Xmlns          string    `xml:"xmlns,attr"`
	Xsi            string    `xml:"xmlns:xsi,attr"`
	SchemaLocation string    `xml:"xsi:schemaLocation,attr"`
	Version        string    `xml:"version,attr"`
	Meta           gexfMeta  `xml:"meta"`
	Graph          gexfGraph `xml:"graph"`
}

type gexfMeta struct {
	LastModified string `xml:"lastmodifieddate,attr"`
	Creator      string `xml:"creator"`
	Description  string `xml:"description"`
}

type gexfGraph struct {
	DefaultEdgeType string           `xml:"defaultedgetype,attr"`
	Mode            string           `xml:"mode,attr"`
	Attributes      []gexfAttributes `xml:"attributes"`
	Nodes           []gexfNode       `xml:"nodes>node"`
	Edges           []gexfEdge       `xml:"edges>edge"`
}

type gexfAttributes struct {
	Class string          `xml:"class,attr"`
	Attrs []gexfAttribute `xml:"attribute"`
}

type gexfAttribute struct {
	ID    string `xml:"id,attr"`
	Title string `xml:"title,attr"`
	Type  string `xml:"type,attr"`
}

type gexfValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

type gexfNode struct {
	ID     string      `xml:"id,attr"`
	Label  string      `xml:"label,attr"`
	Values []gexfValue `xml:"attvalues>attvalue"`
}

type gexfEdge struct {
	ID     string      `xml:"id,attr"`
	Source string      `xml:"source,attr"`
	Target string      `xml:"target,attr"`
	Type   string      `xml:"type,attr"`
	Label  string      `xml:"label,attr"`
	Values []gexfValue `xml:"attvalues>attvalue"`
}

// The attributes of nodes and edges, by id.
var (
	gexfNodeAttributes = []gexfAttribute{
		{"kind", "kind", "string"}, {"categories", "categories", "string"},
		{"commune", "commune", "string"}, {"url", "url", "string"},
	}
	gexfEdgeAttributes = []gexfAttribute{{"type", "type", "string"}, {"start", "start", "string"}}
)

// WriteGEXF writes g as a GEXF 1.3 document to w, naming categories, communes and types with
// l; node ids are the nodes' keys ("collection/id"), base the site's address for their pages.
func WriteGEXF(w io.Writer, g *Graph, l *labels, base string, now time.Time) error {
	doc := gexfDoc{
		Xmlns: gexfNamespace, Xsi: xsiNamespace, SchemaLocation: gexfSchemaLocation, Version: "1.3",
		Meta: gexfMeta{LastModified: now.UTC().Format("2006-01-02"), Creator: "Maillage",
			Description: l.describe()},
		Graph: gexfGraph{DefaultEdgeType: "directed", Mode: "static", Attributes: []gexfAttributes{
			{Class: "node", Attrs: gexfNodeAttributes}, {Class: "edge", Attrs: gexfEdgeAttributes}}},
	}
	for _, n := range g.Nodes {
		doc.Graph.Nodes = append(doc.Graph.Nodes, gexfNode{ID: n.Key(), Label: n.Name, Values: []gexfValue{
			{"kind", l.kind(n)}, {"categories", l.categoryNames(n)}, {"commune", l.communes[n.Commune]},
			{"url", PageURL(base, n)}}})
	}
	for _, e := range g.Edges {
		kind := "mutual"
		if e.Directed {
			kind = "directed"
		}
		doc.Graph.Edges = append(doc.Graph.Edges, gexfEdge{ID: e.ID, Source: e.FromCollection + "/" + e.From,
			Target: e.ToCollection + "/" + e.To, Type: kind, Label: l.linkType(e.Type),
			Values: []gexfValue{{"type", e.Type}, {"start", e.Start}}})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	return enc.Flush()
}
