package export

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// formatVersion changes when an export's layout changes, so that caches drop the old one.
const formatVersion = "1"

// dependencies are the collections whose rows an export may show or name: the content, the
// categories and communes it names, and the import sources whose licences it carries.
var dependencies = []string{s.Organisations, s.Initiatives, s.Events, s.Offers, s.Categories, s.Communes, s.Sources}

// etag is the entity tag of the export e asks for: a hash of the URL (path and query), the
// licence, the application URL and the version of every dependency. It changes whenever any
// of those changes; computing it reads no record.
func etag(e *core.RequestEvent, cfg Config) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%+v\x00%s\x00", formatVersion, e.Request.URL.Path,
		e.Request.URL.Query().Encode(), cfg, e.App.Settings().Meta.AppURL)
	for _, name := range dependencies {
		v, err := version(e.App, name)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s=%s\x00", name, v)
	}
	return `"` + hex.EncodeToString(h.Sum(nil)[:16]) + `"`, nil
}

// version is a value that changes with every write to collection. A collection the sync
// change log follows (its triggers exist) is versioned by the log, which sees every write
// path, raw SQL and hard deletes included, from a small index: its newest seq and its row
// count. Any other collection (communes, sources: small) by its newest updated and its count.
func version(app core.App, collection string) (string, error) {
	c, err := app.FindCachedCollectionByNameOrId(collection)
	if err != nil {
		return "", fmt.Errorf("version of %s: %w", collection, err)
	}
	var v struct {
		Max   string `db:"m"`
		Count int64  `db:"n"`
	}
	var q *dbx.Query
	if logged(app, c.Name) {
		q = app.DB().NewQuery("SELECT CAST(IFNULL(MAX(seq), 0) AS TEXT) AS m, COUNT(*) AS n FROM _sync_changes WHERE coll = {:c}").
			Bind(dbx.Params{"c": c.Name})
	} else {
		newest := "''"
		if c.Fields.GetByName(s.FieldUpdated) != nil {
			newest = "IFNULL(MAX([[" + s.FieldUpdated + "]]), '')"
		}
		q = app.DB().NewQuery("SELECT " + newest + " AS m, COUNT(*) AS n FROM {{" + c.Name + "}}")
	}
	if err := q.One(&v); err != nil {
		return "", fmt.Errorf("version of %s: %w", c.Name, err)
	}
	return fmt.Sprintf("%s/%d", v.Max, v.Count), nil
}

// logged reports whether the sync change log's update trigger exists on table.
func logged(app core.App, table string) bool {
	var n int
	err := app.DB().NewQuery("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = {:n}").
		Bind(dbx.Params{"n": "_sync_trg_" + table + "_upd"}).Row(&n)
	return err == nil && n > 0
}

// fresh sets the ETag and reports whether the client's copy is current (the answer is then
// 304, with no record read).
func fresh(e *core.RequestEvent, cfg Config) (bool, error) {
	tag, err := etag(e, cfg)
	if err != nil {
		return false, err
	}
	e.Response.Header().Set("ETag", tag)
	licenceHeaders(e, cfg)
	for _, t := range strings.Split(e.Request.Header.Get("If-None-Match"), ",") {
		if t = strings.TrimPrefix(strings.TrimSpace(t), "W/"); t == tag || t == "*" {
			e.Response.WriteHeader(http.StatusNotModified)
			return true, nil
		}
	}
	return false, nil
}
