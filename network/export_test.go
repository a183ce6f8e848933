package network_test

import (
	"encoding/json"
	"encoding/xml"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/maillage/maillage/network"
	s "github.com/maillage/maillage/schema"
)

// networkxCheck reads a GEXF document with Python's networkx (an independent parser) and
// prints "nodes edges" and each edge as "source target type", one a line; the test is skipped
// where networkx is not installed (the encoding/xml round trip below still runs).
const networkxCheck = `
import sys, networkx as nx
g = nx.read_gexf(sys.stdin.buffer, version="1.3")
print(g.number_of_nodes(), g.number_of_edges())
for u, v, d in sorted(g.edges(data=True)):
    print(u, v, d.get("type"))
`

func readWithNetworkx(t *testing.T, doc string) (string, error) {
	t.Helper()
	if exec.Command("python3", "-c", "import networkx").Run() != nil {
		t.Skip("python3 with networkx is not installed")
	}
	cmd := exec.Command("python3", "-c", networkxCheck)
	cmd.Stdin = strings.NewReader(doc)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func gexfOf(t *testing.T, w *world) string {
	t.Helper()
	status, data, err := w.users[pAnonymous].Call("GET", network.PathGEXF, nil)
	if err != nil || status != 200 {
		t.Fatalf("GET %s: %d %v", network.PathGEXF, status, err)
	}
	return string(data)
}

// TestGEXFReadByNetworkx: networkx reads the export as GEXF 1.3: the public network's three
// nodes, the directed funding link one way and the mutual membership both ways.
func TestGEXFReadByNetworkx(t *testing.T) {
	w := newWorld(t)
	w.confirmed.Set(s.FieldLinkDirected, true)
	if err := w.srv.App.Save(w.confirmed); err != nil {
		t.Fatal(err)
	}
	out, err := readWithNetworkx(t, gexfOf(t, w))
	if err != nil {
		t.Fatalf("networkx: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if lines[0] != "3 3" {
		t.Errorf("networkx read %q nodes and edges, want 3 nodes and 3 edges (one directed, one mutual)", lines[0])
	}
	want := "organisations/" + w.source.Id + " initiatives/" + w.target.Id + " funding"
	if !slices.Contains(lines, want) {
		t.Errorf("no edge %q in\n%s", want, out)
	}
}

// TestGEXFCheckCatchesBrokenDocuments: the networkx check fails a document that is not GEXF
// (an undirected edge in the directed graph), so its pass above means something.
func TestGEXFCheckCatchesBrokenDocuments(t *testing.T) {
	w := newWorld(t)
	broken := strings.Replace(gexfOf(t, w), `type="mutual"`, `type="undirected"`, 1)
	if out, err := readWithNetworkx(t, broken); err == nil {
		t.Errorf("networkx read a broken document:\n%s", out)
	}
}

// TestGEXFRoundTrip: the export decodes with encoding/xml in the GEXF 1.3 namespace, and every
// edge's ends are nodes of the document.
func TestGEXFRoundTrip(t *testing.T) {
	w := newWorld(t)
	var doc struct {
		XMLName xml.Name `xml:"http://gexf.net/1.3 gexf"`
		Version string   `xml:"version,attr"`
		Nodes   []struct {
			ID    string `xml:"id,attr"`
			Label string `xml:"label,attr"`
		} `xml:"graph>nodes>node"`
		Edges []struct {
			Source string `xml:"source,attr"`
			Target string `xml:"target,attr"`
		} `xml:"graph>edges>edge"`
	}
	if err := xml.Unmarshal([]byte(gexfOf(t, w)), &doc); err != nil {
		t.Fatalf("decode: %v", err)
	}
	ids := map[string]bool{}
	for _, n := range doc.Nodes {
		ids[n.ID] = true
	}
	if doc.Version != "1.3" || len(doc.Nodes) != 3 || len(doc.Edges) != 2 {
		t.Fatalf("version %s, %d nodes, %d edges; want 1.3, 3, 2", doc.Version, len(doc.Nodes), len(doc.Edges))
	}
	for _, e := range doc.Edges {
		if !ids[e.Source] || !ids[e.Target] {
			t.Errorf("edge %s → %s names a node the document lacks", e.Source, e.Target)
		}
	}
}

// TestKumuBlueprint: the Kumu export's connections name elements of the blueprint by their
// (unique) labels, in the requester's language, and leave out what the requester may not read.
func TestKumuBlueprint(t *testing.T) {
	w := newWorld(t)
	twin := w.save(t, s.Organisations, node("Jardin partagé", w.owner.ID(), nil))
	w.link(t, twin, w.source, "other", s.LinkConfirmed, map[string]any{s.FieldAuthor: ""})
	anon := w.users[pAnonymous]
	anon.Lang = "en"
	var bp network.KumuBlueprint
	getJSON(t, anon, network.PathKumu, &bp)
	labels := map[string]bool{}
	for _, e := range bp.Elements {
		if labels[e.Label] {
			t.Errorf("label %q twice", e.Label)
		}
		labels[e.Label] = true
		if e.Label == "Collectif discret" {
			t.Errorf("the private organisation is in the blueprint")
		}
	}
	if !labels["Jardin partagé"] || !labels["Jardin partagé (2)"] {
		t.Errorf("labels %v, want both gardens told apart", labels)
	}
	kinds := []string{}
	for _, c := range bp.Connections {
		if !labels[c.From] || !labels[c.To] {
			t.Errorf("connection %s → %s names no element", c.From, c.To)
		}
		kinds = append(kinds, c.Type+"/"+c.Direction)
	}
	slices.Sort(kinds)
	if want := []string{"Funding/mutual", "Membership/mutual", "Other/mutual"}; !slices.Equal(kinds, want) {
		t.Errorf("connections %v, want %v", kinds, want)
	}
	raw, _ := json.Marshal(bp)
	if strings.Contains(string(raw), w.note.Id) || strings.Contains(string(raw), w.hidden.Id) {
		t.Errorf("the blueprint names a private link or node")
	}
}
