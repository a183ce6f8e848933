package dedup

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/geo"
	s "github.com/maillage/maillage/schema"
)

// Flag finds the likely duplicates of rec (saved already) among the live records of its
// collection and stores each new pair scoring at least MinScore in the duplicates collection,
// once per pair whatever its status (a dismissed pair stays dismissed). It returns how many
// pairs it stored. Candidates are the records within RadiusMeters (from the spatial index) and
// those sharing a normalised name, website, phone or e-mail (from the keys table): a few
// indexed lookups, whatever the collection's size. Other collections, and records that are
// deleted, merged away, private or rejected, have no duplicates.
func Flag(app core.App, rec *core.Record) (int, error) {
	p, ok := profiles[rec.Collection().Name]
	if !ok || !eligible(rec) {
		return 0, nil
	}
	self := subjectOf(rowOf(p, rec))
	cands, err := candidates(app, rec.Collection().Name, p, self)
	if err != nil {
		return 0, err
	}
	stored := 0
	for _, c := range cands {
		if !Comparable(self, c) {
			continue
		}
		score, why := Score(self, c)
		if score < MinScore {
			continue
		}
		added, err := storePair(app, rec.Collection().Name, self.ID, c.ID, score, why)
		if err != nil {
			return stored, err
		}
		if added {
			stored++
		}
	}
	return stored, nil
}

// candidates are the live records near self or sharing one of its keys, self excluded.
func candidates(app core.App, collection string, p profile, self Subject) ([]Subject, error) {
	var rows []row
	if self.Geo != nil {
		near, err := selectRows(app, collection, p, nearExp(collection, self))
		if err != nil {
			return nil, err
		}
		rows = append(rows, near...)
	}
	if keys := keysOf(self); len(keys) > 0 {
		shared, err := selectRows(app, collection, p, sharedKeyExp(collection, self.ID, keys))
		if err != nil {
			return nil, err
		}
		rows = append(rows, shared...)
	}
	seen := map[string]bool{self.ID: true}
	var out []Subject
	for _, r := range rows {
		if !seen[r.ID] {
			seen[r.ID] = true
			out = append(out, subjectOf(r))
		}
	}
	return out, nil
}

// nearExp selects the rows the R*Tree holds in the box around self (the corners, a little
// beyond RadiusMeters, are scored like any other candidate: the distance decides).
func nearExp(collection string, self Subject) dbx.Expression {
	b := geo.Around(*self.Geo, RadiusMeters)
	return dbx.NewExp("[[rowid]] IN (SELECT id FROM [["+s.GeoIndexTable(collection)+"]] "+
		"WHERE minLon <= {:maxLon} AND maxLon >= {:minLon} AND minLat <= {:maxLat} AND maxLat >= {:minLat}) AND [[id]] != {:self}",
		dbx.Params{"minLon": b.MinLon, "minLat": b.MinLat, "maxLon": b.MaxLon, "maxLat": b.MaxLat, "self": self.ID})
}

// MaxKeyShare is how many records may share a key and still make candidates of each other: a
// website, phone number or name held by more (a network's national site, "Bibliothèque") says
// nothing about which place is which, and would make every flag read them all. Such a key
// still counts in the score of candidates found otherwise (nearby).
const MaxKeyShare = 20

// sharedKeyExp selects the rows sharing one of keys that is not too common.
func sharedKeyExp(collection, self string, keys []string) dbx.Expression {
	params := dbx.Params{"coll": collection, "self": self, "most": MaxKeyShare}
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = fmt.Sprintf("{:k%d}", i)
		params[fmt.Sprintf("k%d", i)] = k
	}
	rare := "SELECT key FROM [[" + keysTable + "]] WHERE coll = {:coll} AND key IN (" + strings.Join(names, ", ") +
		") GROUP BY key HAVING count(*) <= {:most}"
	return dbx.NewExp("[[id]] IN (SELECT rid FROM [["+keysTable+"]] WHERE coll = {:coll} AND key IN ("+rare+
		") AND rid != {:self})", params)
}

// storePair saves the pair (a, b) with its score unless it is known already; ids are ordered
// so that a pair is stored once whichever record was flagged.
func storePair(app core.App, collection, a, b string, score float64, why Reasons) (bool, error) {
	if b < a {
		a, b = b, a
	}
	var n int
	err := app.DB().Select("count(*)").From(s.Duplicates).Where(dbx.HashExp{
		s.FieldDupCollection: collection, s.FieldDupRecordA: a, s.FieldDupRecordB: b}).Row(&n)
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
