package hooks

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// bindGeoIndex keeps an SQLite R*Tree per content collection (schema.GeoIndexTable) in step
// with the records' geo: triggers write it inside the writing transaction, whatever the write
// path (REST, batch, dashboard, sync, raw SQL). The index is keyed by the record's rowid, so it
// is rebuilt at start (a manual VACUUM may renumber rowids) and after a collection changes.
func bindGeoIndex(app core.App) {
	if app.IsBootstrapped() { // test apps are migrated before Bind; served apps on OnServe
		ensureGeoIndexes(app)
	}
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		ensureGeoIndexes(se.App)
		return se.Next()
	})
	refresh := func(e *core.CollectionEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		if s.IsContent(e.Collection.Name) {
			logIndexError(e.App, e.Collection.Name, EnsureGeoIndex(e.App, e.Collection.Name))
		}
		return nil
	}
	app.OnCollectionAfterCreateSuccess().BindFunc(refresh)
	app.OnCollectionAfterUpdateSuccess().BindFunc(refresh)
}

func ensureGeoIndexes(app core.App) {
	for _, name := range s.Content {
		logIndexError(app, name, EnsureGeoIndex(app, name))
	}
}

func logIndexError(app core.App, collection string, err error) {
	if err != nil {
		app.Logger().Error("geo index", "collection", collection, "error", err)
	}
}

// EnsureGeoIndex creates collection's R*Tree and its triggers when missing and, unless the
// index already matches the records, rebuilds its content from them, in one transaction. A
// collection without a geo field is skipped.
func EnsureGeoIndex(app core.App, collection string) error {
	c, err := app.FindCollectionByNameOrId(collection)
	if err != nil {
		return fmt.Errorf("geo index %s: %w", collection, err)
	}
	if c.Fields.GetByName(s.FieldGeo) == nil {
		return nil
	}
	return app.RunInTransaction(func(tx core.App) error {
		if err := execAll(tx, c.Name, geoIndexSQL(c.Name)); err != nil {
			return err
		}
		inStep, err := geoIndexInStep(tx, c.Name)
		if err != nil || inStep {
			return err
		}
		return execAll(tx, c.Name, geoIndexRebuildSQL(c.Name))
	})
}

func execAll(tx core.App, table string, stmts []string) error {
	for _, stmt := range stmts {
		if _, err := tx.DB().NewQuery(stmt).Execute(); err != nil {
			return fmt.Errorf("geo index %s: %w", table, err)
		}
	}
	return nil
}

// geoIndexInStep reports whether table's R*Tree holds exactly one entry per located row, at
// its point: a read, much cheaper at start than rewriting the whole index. The R*Tree rounds
// a box outwards to float32, so the point always lies inside its own entry.
func geoIndexInStep(tx core.App, table string) (bool, error) {
	idx := s.GeoIndexTable(table)
	located := fmt.Sprintf(`SELECT rid, lon, lat FROM (SELECT t.rowid AS rid, %[2]s AS lon, %[3]s AS lat FROM [[%[1]s]] t) `+
		`WHERE lon IS NOT NULL AND lat IS NOT NULL AND NOT (lon = 0 AND lat = 0)`, table, jsonNum("t", "lon"), jsonNum("t", "lat"))
	var row struct {
		Located int `db:"located"`
		Bad     int `db:"bad"`
		Indexed int `db:"indexed"`
	}
	err := tx.DB().NewQuery(fmt.Sprintf(`SELECT count(*) AS located, `+
		`coalesce(sum(r.id IS NULL OR r.minLon > p.lon OR r.maxLon < p.lon OR r.minLat > p.lat OR r.maxLat < p.lat), 0) AS bad, `+
		`(SELECT count(*) FROM [[%[2]s]]) AS indexed `+
		`FROM (%[1]s) p LEFT JOIN [[%[2]s]] r ON r.id = p.rid`, located, idx)).One(&row)
	if err != nil {
		return false, fmt.Errorf("geo index %s: check: %w", table, err)
	}
	// Without a bad row, every located row has its own entry: any other entry is extra.
	drift := row.Bad + max(row.Indexed-row.Located, row.Located-row.Indexed)
	return drift == 0, nil
}

// geoIndexSQL is the DDL of table's index and triggers. Triggers reference only rowid and geo,
// and skip rows without a location (PocketBase stores "no location" as 0, 0).
func geoIndexSQL(table string) []string {
	idx := s.GeoIndexTable(table)
	insert := func(row string) string {
		return fmt.Sprintf(`INSERT INTO [[%[1]s]] (id, minLon, maxLon, minLat, maxLat) `+
			`SELECT %[2]s.rowid, lon, lon, lat, lat FROM (SELECT %[3]s AS lon, %[4]s AS lat) `+
			`WHERE lon IS NOT NULL AND lat IS NOT NULL AND NOT (lon = 0 AND lat = 0)`,
			idx, row, jsonNum(row, "lon"), jsonNum(row, "lat"))
	}
	stmts := []string{
		fmt.Sprintf("CREATE VIRTUAL TABLE IF NOT EXISTS [[%s]] USING rtree(id, minLon, maxLon, minLat, maxLat)", idx),
	}
	for _, suffix := range []string{"ai", "au", "ad"} {
		stmts = append(stmts, fmt.Sprintf("DROP TRIGGER IF EXISTS [[%s_%s]]", idx, suffix))
	}
	stmts = append(stmts,
		fmt.Sprintf("CREATE TRIGGER [[%s_ai]] AFTER INSERT ON [[%s]] BEGIN %s; END", idx, table, insert("new")),
		fmt.Sprintf("CREATE TRIGGER [[%s_au]] AFTER UPDATE ON [[%s]] BEGIN DELETE FROM [[%s]] WHERE id = old.rowid; %s; END",
			idx, table, idx, insert("new")),
		fmt.Sprintf("CREATE TRIGGER [[%s_ad]] AFTER DELETE ON [[%s]] BEGIN DELETE FROM [[%s]] WHERE id = old.rowid; END", idx, table, idx),
	)
	return stmts
}

// geoIndexRebuildSQL empties table's index and fills it again from the records.
func geoIndexRebuildSQL(table string) []string {
	idx := s.GeoIndexTable(table)
	return []string{
		fmt.Sprintf("DELETE FROM [[%s]]", idx),
		fmt.Sprintf(`INSERT INTO [[%[1]s]] (id, minLon, maxLon, minLat, maxLat) SELECT rid, lon, lon, lat, lat `+
			`FROM (SELECT t.rowid AS rid, %[3]s AS lon, %[4]s AS lat FROM [[%[2]s]] t) `+
			`WHERE lon IS NOT NULL AND lat IS NOT NULL AND NOT (lon = 0 AND lat = 0)`, idx, table, jsonNum("t", "lon"), jsonNum("t", "lat")),
	}
}

// jsonNum reads a number of row's geo JSON, NULL when the geo is not valid JSON.
func jsonNum(row, key string) string {
	return fmt.Sprintf("(CASE WHEN json_valid(%[1]s.[[%[2]s]]) THEN json_extract(%[1]s.[[%[2]s]], '$.%[3]s') END)", row, s.FieldGeo, key)
}
