package leaktest

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// save generates one record of coll: the given fields, every other field the schema lets the
// generator fill with a canary (fill), a fresh id; it saves it through the app (every model
// hook runs), reads it back and registers the canaries the stored record still carries.
func (w *world) save(t testing.TB, coll string, fields map[string]any) *core.Record {
	t.Helper()
	c, err := w.srv.App.FindCollectionByNameOrId(coll)
	if err != nil {
		t.Fatalf("collection %s: %v", coll, err)
	}
	rec := core.NewRecord(c)
	rec.Id = w.newID()
	planted := append(w.fill(c, rec, fields), plantGiven(c.Name, rec.Id, fields)...)
	rec.Load(fields)
	if err := w.srv.App.Save(rec); err != nil {
		t.Fatalf("generate a %s record %v: %v", coll, fields, err)
	}
	stored := w.insist(t, rec, fields)
	for _, k := range planted {
		if carries(stored, k) {
			w.canaries[k.token] = k
		}
	}
	w.recs[stored.Id] = stored
	w.order = append(w.order, stored)
	return stored
}

// fill sets a canary in every field of rec that fields leaves unset and whose type carries
// text or a location, and returns the canaries planted. Relations, selects, numbers, dates
// and files stay as fields sets them (the recipes link records to each other).
func (w *world) fill(c *core.Collection, rec *core.Record, fields map[string]any) []canary {
	var planted []canary
	for _, f := range c.Fields {
		name := f.GetName()
		_, isEmail := f.(*core.EmailField)
		if _, set := fields[name]; set || (f.GetSystem() && !isEmail) || f.GetHidden() {
			continue
		}
		k := canary{token: "leak-" + c.Name + "-" + name + "-" + rec.Id, coll: c.Name, field: name, id: rec.Id}
		switch f := f.(type) {
		case *core.TextField:
			if f.Pattern != "" || (f.Max > 0 && f.Max < len(k.token)) {
				continue
			}
			rec.Set(name, k.token)
		case *core.EditorField:
			rec.Set(name, "<p>"+k.token+"</p>")
		case *core.URLField:
			rec.Set(name, "https://"+k.token+".example.org/")
		case *core.EmailField:
			rec.Set(name, k.token+"@example.org")
		case *core.JSONField:
			rec.Set(name, []string{k.token})
		case *core.GeoPointField:
			w.seq++
			k.token = fmt.Sprintf("48.9%06d71", w.seq)
			lat, _ := strconv.ParseFloat(k.token, 64)
			rec.Set(name, types.GeoPoint{Lon: 2.35, Lat: lat})
		default:
			continue
		}
		planted = append(planted, k)
	}
	return planted
}

// insist reads rec back and, when a create hook changed its status (a resident's
// contribution starts pending), sets the grid's status again by an update, as a moderator's
// decision would; it returns the record as stored.
func (w *world) insist(t testing.TB, rec *core.Record, fields map[string]any) *core.Record {
	t.Helper()
	stored, err := w.srv.App.FindRecordById(rec.Collection().Name, rec.Id)
	if err != nil {
		t.Fatalf("read back %s/%s: %v", rec.Collection().Name, rec.Id, err)
	}
	want, ok := fields["status"].(string)
	if !ok || stored.GetString("status") == want {
		return stored
	}
	stored.Set("status", want)
	if err := w.srv.App.Save(stored); err != nil {
		t.Fatalf("set the status of %s/%s to %s: %v", rec.Collection().Name, rec.Id, want, err)
	}
	return w.insist(t, stored, nil)
}

// plantGiven replaces the mark "$K" in the given values (strings, or inside JSON values) by the
// canary of that field, for values whose shape the recipes give (a suggestion's fields, a
// proposal's options), and returns the canaries planted.
func plantGiven(coll, id string, fields map[string]any) []canary {
	var planted []canary
	for name, v := range fields {
		data, err := json.Marshal(v)
		if err != nil || !strings.Contains(string(data), "$K") {
			continue
		}
		k := canary{token: "leak-" + coll + "-" + name + "-" + id, coll: coll, field: name, id: id}
		var out any
		if json.Unmarshal([]byte(strings.ReplaceAll(string(data), "$K", k.token)), &out) == nil {
			fields[name] = out
			planted = append(planted, k)
		}
	}
	return planted
}

// carries reports whether the stored record still holds canary k (a hook may have rewritten
// or cleared the value).
func carries(rec *core.Record, k canary) bool {
	if strings.HasPrefix(k.token, "48.9") {
		return strconv.FormatFloat(rec.GetGeoPoint(k.field).Lat, 'f', -1, 64) == k.token
	}
	return strings.Contains(fmt.Sprint(rec.Get(k.field)), k.token)
}
