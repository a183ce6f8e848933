package simulation

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	s "github.com/maillage/maillage/schema"
)

// action is one kind of random step, with its weight.
type action struct {
	weight int
	run    func(sim *Sim, d *device)
}

var actions = []action{
	{25, (*Sim).create},
	{12, (*Sim).editField},
	{8, (*Sim).editSet},
	{8, (*Sim).editText},
	{4, (*Sim).editVisibility},
	{4, (*Sim).delete},
	{25, (*Sim).syncDevice},
	{3, (*Sim).membership},
	{3, (*Sim).disrupt},
}

// step runs one random action on a random device.
func (sim *Sim) step(n int) {
	total := 0
	for _, a := range actions {
		total += a.weight
	}
	d := sim.devices[sim.rnd.IntN(len(sim.devices))]
	pick := sim.rnd.IntN(total)
	for _, a := range actions {
		if pick -= a.weight; pick < 0 {
			a.run(sim, d)
			return
		}
	}
}

func (sim *Sim) syncDevice(d *device) {
	err := sim.sync(d)
	sim.trace("%s sync: err=%v", d.name, err)
}

// create queues a new record of a random content collection.
func (sim *Sim) create(d *device) {
	if d.user == nil {
		return
	}
	coll := content[sim.rnd.IntN(len(content))]
	f := map[string]any{
		s.FieldAuthor: d.user.Rec.Id, s.FieldVisibility: sim.visibility(),
		"description": sim.paragraphs(d, 3), "categories": sim.categories(),
	}
	if sim.rnd.IntN(3) == 0 {
		f[s.FieldCommunity] = sim.world.Communities[sim.rnd.IntN(len(sim.world.Communities))]
	}
	title := fmt.Sprintf("%s %s", d.name, sim.word())
	switch coll {
	case s.Initiatives:
		f["name"] = title
	case s.Events:
		f["title"], f["start"] = title, fmt.Sprintf("2026-12-%02d 18:00:00.000Z", 1+sim.rnd.IntN(28))
	case s.Offers:
		f["title"], f["kind"], f["mode"] = title, "offer", "gift"
	}
	id, err := d.c.Create(coll, f)
	sim.report.Mutations++
	sim.trace("%s create %s/%s err=%v", d.name, coll, id, err)
}

// pickRecord returns a random content record of the device's local view.
func (sim *Sim) pickRecord(d *device) (coll, id string, v map[string]json.RawMessage, ok bool) {
	if d.user == nil {
		return "", "", nil, false
	}
	coll = content[sim.rnd.IntN(len(content))]
	ids := d.c.IDs(coll)
	if len(ids) == 0 {
		return "", "", nil, false
	}
	id = ids[sim.rnd.IntN(len(ids))]
	v, ok = d.c.Get(coll, id)
	return coll, id, v, ok
}

// plainFields are the scalar fields edited, by collection (serverWins by default).
var plainFields = map[string][]string{
	s.Initiatives: {"name", "address", "openingHours"},
	s.Events:      {"title", "place", "price"},
	s.Offers:      {"title", "state"},
}

func (sim *Sim) editField(d *device) {
	coll, id, _, ok := sim.pickRecord(d)
	if !ok {
		return
	}
	f := plainFields[coll][sim.rnd.IntN(len(plainFields[coll]))]
	val := fmt.Sprintf("%s %s", d.name, sim.word())
	if f == "state" {
		val = []string{"open", "reserved", "done"}[sim.rnd.IntN(3)]
	}
	sim.update(d, coll, id, map[string]any{f: val})
}

// editSet adds or removes one category (setMerge).
func (sim *Sim) editSet(d *device) {
	coll, id, v, ok := sim.pickRecord(d)
	if !ok {
		return
	}
	var cats []string
	_ = json.Unmarshal(v["categories"], &cats)
	c := sim.world.Categories[sim.rnd.IntN(len(sim.world.Categories))]
	if i := slices.Index(cats, c); i >= 0 {
		cats = slices.Delete(cats, i, i+1)
	} else if len(cats) < 10 {
		cats = append(cats, c)
	}
	sim.update(d, coll, id, map[string]any{"categories": cats})
}

// editText rewrites one paragraph of the description (textMerge).
func (sim *Sim) editText(d *device) {
	coll, id, v, ok := sim.pickRecord(d)
	if !ok {
		return
	}
	var desc string
	_ = json.Unmarshal(v["description"], &desc)
	paras := strings.Split(desc, "\n\n")
	i := sim.rnd.IntN(len(paras) + 1)
	if i == len(paras) {
		paras = append(paras, sim.paragraph(d))
	} else {
		paras[i] = sim.paragraph(d)
	}
	sim.update(d, coll, id, map[string]any{"description": strings.Join(paras, "\n\n")})
}

func (sim *Sim) editVisibility(d *device) {
	coll, id, _, ok := sim.pickRecord(d)
	if !ok {
		return
	}
	f := map[string]any{s.FieldVisibility: sim.visibility()}
	if sim.rnd.IntN(2) == 0 {
		f[s.FieldCommunity] = append([]string{""}, sim.world.Communities...)[sim.rnd.IntN(len(sim.world.Communities)+1)]
	}
	sim.update(d, coll, id, f)
}

// delete deletes a record, or soft-deletes it (deleted = true), half of the time each.
func (sim *Sim) delete(d *device) {
	coll, id, _, ok := sim.pickRecord(d)
	if !ok {
		return
	}
	if sim.rnd.IntN(2) == 0 {
		sim.update(d, coll, id, map[string]any{s.FieldDeleted: true})
		return
	}
	err := d.c.Delete(coll, id)
	sim.report.Mutations++
	sim.trace("%s delete %s/%s err=%v", d.name, coll, id, err)
}

func (sim *Sim) update(d *device, coll, id string, fields map[string]any) {
	err := d.c.Update(coll, id, fields)
	sim.report.Mutations++
	sim.trace("%s update %s/%s %v err=%v", d.name, coll, id, keys(fields), err)
}

func (sim *Sim) visibility() string {
	return []string{s.VisibilityPublic, s.VisibilityPublic, s.VisibilityCommunity, s.VisibilityPrivate}[sim.rnd.IntN(4)]
}

func (sim *Sim) categories() []string {
	n := sim.rnd.IntN(3)
	out := make([]string, 0, n)
	for range n {
		c := sim.world.Categories[sim.rnd.IntN(len(sim.world.Categories))]
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

var words = []string{"jardin", "atelier", "vélo", "repair", "café", "compost", "bibliothèque", "AMAP", "friperie", "chorale"}

func (sim *Sim) word() string { return words[sim.rnd.IntN(len(words))] }

// paragraph returns a paragraph with a unique tag, e.g. "[d1-42] atelier vélo …".
func (sim *Sim) paragraph(d *device) string {
	sim.tags++
	return fmt.Sprintf("[%s-%d] %s %s %s.", strings.SplitN(d.name, "/", 2)[0], sim.tags, sim.word(), sim.word(), sim.word())
}

func (sim *Sim) paragraphs(d *device, n int) string {
	p := make([]string, n)
	for i := range p {
		p[i] = sim.paragraph(d)
	}
	return strings.Join(p, "\n\n")
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
