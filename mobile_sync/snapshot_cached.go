package mobilesync

import (
	"encoding/json"
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/rowcache"
)

// formSync names the sync's rows in the row cache.
const formSync = "sync"

// readCached returns the rows of c with ids (sorted, readable) as readByID does, copying from
// cache the rows it holds at their current rev and reading only the others, which it keeps.
func readCached(db dbx.Builder, w *rowWriter, c *core.Collection, ids []string, cache *rowcache.Cache) (page, error) {
	revs, err := revsInOrder(db, c.Name, ids)
	if err != nil {
		return page{}, err
	}
	p := page{ids: ids, raws: make([]json.RawMessage, len(ids)), revs: revs}
	var missing []string
	for i, id := range ids {
		if b, ok := cache.Get(rowcache.KeyOf(formSync, c, id), revs[i]); ok {
			p.raws[i] = b
		} else {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return p, nil
	}
	read, err := readByID(db, w, c, missing)
	if err != nil {
		return page{}, err
	}
	return p, fillMissing(p, read, c, cache)
}

// fillMissing puts the rows read (the missing ones, in id order) into p's empty places, with
// their revs, and keeps them in cache.
func fillMissing(p, read page, c *core.Collection, cache *rowcache.Cache) error {
	j := 0
	for i := range p.ids {
		if p.raws[i] != nil {
			continue
		}
		if j >= len(read.ids) || read.ids[j] != p.ids[i] {
			return fmt.Errorf("read %s: row %s went missing", c.Name, p.ids[i])
		}
		p.raws[i], p.revs[i] = read.raws[j], read.revs[j]
		cache.Put(rowcache.KeyOf(formSync, c, p.ids[i]), read.revs[j], read.raws[j])
		j++
	}
	return nil
}

// revsInOrder returns the change log seq of each of ids of coll, in their order (0 for a
// record the log does not have).
func revsInOrder(db dbx.Builder, coll string, ids []string) ([]int64, error) {
	if len(ids) == 0 {
		return []int64{}, nil // json_each would read "null" as one value
	}
	list, _ := json.Marshal(ids)
	var revs []int64
	err := db.NewQuery("SELECT coalesce((SELECT seq FROM " + changesTable + " WHERE coll = {:c} AND rid = _ids.value), 0) " +
		"FROM json_each({:ids}) AS _ids ORDER BY _ids.key").Bind(dbx.Params{"c": coll, "ids": string(list)}).Column(&revs)
	if err != nil {
		return nil, fmt.Errorf("read revs of %s: %w", coll, err)
	}
	if len(revs) != len(ids) {
		return nil, fmt.Errorf("read revs of %s: %d for %d rows", coll, len(revs), len(ids))
	}
	return revs, nil
}
