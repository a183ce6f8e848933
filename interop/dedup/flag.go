package dedup

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/internal/prepared"
	s "github.com/maillage/maillage/schema"
)

// Flag finds the likely duplicates of rec (saved already) among the live records of its
// collection and stores each new pair scoring at least MinScore in the duplicates collection,
// once per pair whatever its status (a dismissed pair stays dismissed). It returns how many
// pairs it stored. Flag is Find then Store in app's transaction.
func Flag(app core.App, rec *core.Record) (int, error) {
	pairs, err := Find(app, rec)
	if err != nil {
		return 0, err
	}
	return Store(app, pairs)
}

// Pair is a likely duplicate found by Find, to be stored by Store.
type Pair struct {
	collection, a, b string
	score            float64
	why              Reasons
}

// Find lists the likely duplicates of rec among the live records of its collection, reading
// only. Candidates are the records within RadiusMeters (from the spatial index) and those
// sharing a normalised name, website, phone or e-mail (from the keys table): a few indexed
// lookups, whatever the collection's size. Other collections, and records that are deleted,
// merged away, private or rejected, have no duplicates.
func Find(app core.App, rec *core.Record) ([]Pair, error) {
	return FindIn(prepared.In(app), rec)
}

// FindIn is Find with the queries of q: a prepared.Reader beside a writer. It is a Search that
// keeps nothing: every candidate comes from q.
func FindIn(q prepared.Querier, rec *core.Record) ([]Pair, error) {
	return (&Search{q: q}).find(rec, false)
}

// pairsOf scores self against each candidate and keeps the likely duplicates.
func pairsOf(collection string, self Subject, cands []Subject) []Pair {
	var pairs []Pair
	for _, c := range cands {
		if !Comparable(self, c) {
			continue
		}
		if score, why := Score(self, c); score >= MinScore {
			pairs = append(pairs, Pair{collection, self.ID, c.ID, score, why})
		}
	}
	return pairs
}

// Store adds the pairs not stored yet, in whichever order they were found, and returns how
// many it added.
func Store(app core.App, pairs []Pair) (int, error) {
	stored := 0
	for _, p := range pairs {
		added, err := storePair(app, p.collection, p.a, p.b, p.score, p.why)
		if err != nil {
			return stored, err
		}
		if added {
			stored++
		}
	}
	return stored, nil
}

// rowsByID reads the live rows of collection with these ids.
func rowsByID(q prepared.Querier, collection string, p profile, ids []string) ([]row, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	return selectRows(q, collection, p, "", "AND t.[[id]] IN ("+placeholders("id", len(ids))+")", indexed("id", ids))
}

func subjectsOf(rows []row) []Subject {
	out := make([]Subject, len(rows))
	for i, r := range rows {
		out[i] = subjectOf(r)
	}
	return out
}

// nearRows reads the live records in the box around self (none when self has no location).
// The R*Tree drives the join: the box's few entries, then each record by its rowid.
func nearRows(q prepared.Querier, collection string, p profile, self Subject) ([]row, error) {
	if self.Geo == nil {
		return nil, nil
	}
	b := geo.Around(*self.Geo, RadiusMeters)
	return selectRows(q, collection, p, "[["+s.GeoIndexTable(collection)+"]] g JOIN ",
		"AND t.[[rowid]] = g.id AND g.minLon <= {:maxLon} AND g.maxLon >= {:minLon} AND g.minLat <= {:maxLat} "+
			"AND g.maxLat >= {:minLat} AND t.[[id]] != {:self}",
		dbx.Params{"minLon": b.MinLon, "minLat": b.MinLat, "maxLon": b.MaxLon, "maxLat": b.MaxLat, "self": self.ID})
}

// MaxKeyShare is how many other records may share a key and still make candidates: a website,
// phone number or name held by more (a network's national site, "Bibliothèque") says nothing
// about which place is which, and would make every flag read them all. Such a key still counts
// in the score of candidates found otherwise (nearby).
const MaxKeyShare = 20

// keyRIDs returns the ids of the records other than self holding key, MaxKeyShare+1 at most.
// Each key is read on its own with a limit (one simple indexed query each, cheaper in SQLite
// than one compound query), so a common key costs MaxKeyShare+1 rows.
func keyRIDs(q prepared.Querier, collection, key, self string) ([]string, error) {
	var rids []string
	err := q.Query("SELECT rid FROM [[" + keysTable + "]] WHERE coll = {:coll} AND key = {:key} AND rid != {:self} " +
		"LIMIT " + strconv.Itoa(MaxKeyShare+1)).
		Bind(dbx.Params{"coll": collection, "key": key, "self": self}).Column(&rids)
	if err != nil {
		return nil, fmt.Errorf("dedup keys of %s: %w", self, err)
	}
	return rids, nil
}

// unseen returns the ids not in seen, each once, marking them seen.
func unseen(ids []string, seen map[string]bool) []string {
	var out []string
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// placeholders writes n bind placeholders {:prefix0}, {:prefix1}…
func placeholders(prefix string, n int) string {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("{:%s%d}", prefix, i)
	}
	return strings.Join(names, ", ")
}

// indexed binds values to the placeholders of the same prefix.
func indexed(prefix string, values []string) dbx.Params {
	params := dbx.Params{}
	for i, v := range values {
		params[fmt.Sprintf("%s%d", prefix, i)] = v
	}
	return params
}

// storePair saves the pair (a, b) with its score unless it is known already; ids are ordered
// so that a pair is stored once whichever record was flagged.
func storePair(app core.App, collection, a, b string, score float64, why Reasons) (bool, error) {
	if b < a {
		a, b = b, a
	}
	var n int
	err := prepared.Query(app, "SELECT count(*) FROM [["+s.Duplicates+"]] WHERE [["+s.FieldDupCollection+"]] = {:c} AND [["+
		s.FieldDupRecordA+"]] = {:a} AND [["+s.FieldDupRecordB+"]] = {:b}").
		Bind(dbx.Params{"c": collection, "a": a, "b": b}).Row(&n)
	if err != nil || n > 0 {
		return false, wrap("find pair", err)
	}
	c, err := app.FindCachedCollectionByNameOrId(s.Duplicates)
	if err != nil {
		return false, fmt.Errorf("store pair: %w", err)
	}
	reasons, err := json.Marshal(why)
	if err != nil {
		return false, fmt.Errorf("store pair: %w", err)
	}
	pair := core.NewRecord(c)
	pair.Load(map[string]any{s.FieldDupCollection: collection, s.FieldDupRecordA: a, s.FieldDupRecordB: b,
		s.FieldDupScore: score, s.FieldDupReasons: json.RawMessage(reasons), s.FieldStatus: s.DupOpen})
	if err := app.Save(pair); err != nil {
		return false, fmt.Errorf("store pair %s/%s: %w", a, b, err)
	}
	return true, nil
}

// wrap adds context to err, or returns nil.
func wrap(context string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", context, err)
}
