package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// JSONLDContentType is the media type of JSON-LD documents.
const JSONLDContentType = "application/ld+json"

// serveRecordJSONLD answers GET /api/maillage/jsonld/{collection}/{id}: one public record as
// a schema.org document, or 404 when anyone may not read it.
func serveRecordJSONLD(e *core.RequestEvent, cfg Config) error {
	c, err := exportedCollection(e, e.Request.PathValue("collection"))
	if err != nil {
		return err
	}
	id := e.Request.PathValue("id")
	if ok, err := fresh(e, cfg); ok || err != nil {
		return internal(e, err)
	}
	recs, err := readPage(e.App, c, filter{}, "", dbx.HashExp{c.Name + ".id": id})
	if err == nil {
		err = enrich(e.App, recs)
	}
	if err != nil {
		return internal(e, err)
	}
	if len(recs) == 0 {
		e.Response.Header().Del("ETag") // a record made public later must not wait for a cache
		e.Response.Header().Del("Cache-Control")
		return notFound(e, "id", "export_record_not_found", map[string]any{"collection": c.Name, "id": id})
	}
	r, err := loadRefs(e.App, cfg, c.Name == s.Events)
	if err != nil {
		return internal(e, err)
	}
	doc := recordNode(c.Name, recs[0], r)
	doc["@context"] = SchemaContext
	body, err := json.Marshal(doc)
	if err != nil {
		return internal(e, fmt.Errorf("encode %s/%s: %w", c.Name, id, err))
	}
	return e.Blob(http.StatusOK, JSONLDContentType, body)
}

// serveCollectionJSONLD streams c's public records as a schema.org ItemList carrying the
// licence; each element is the record's node, as the per-record document has it.
func serveCollectionJSONLD(e *core.RequestEvent, cfg Config, c *core.Collection, f filter) error {
	return stream(e, cfg, JSONLDContentType, c.Name, FormatJSONLD, func(w *bufio.Writer, r *refs) error {
		return writeItemList(w, c.Name, r, func(fn func(*core.Record) error) error {
			return scan(e.App, c, f, fn)
		})
	})
}

// writeItemList writes the records each yields as the elements of an ItemList.
func writeItemList(w *bufio.Writer, collection string, r *refs, each func(func(*core.Record) error) error) error {
	head, err := json.Marshal(node{
		"@context": SchemaContext, "@type": "ItemList", "@id": r.base + "/api/maillage/export/" + collection + ".jsonld",
		"name": collection, "license": r.territory.URL, "creditText": r.territory.Attribution,
	})
	if err != nil {
		return fmt.Errorf("item list head: %w", err)
	}
	w.Write(head[:len(head)-1])
	w.WriteString(`,"itemListElement":[`)
	enc := json.NewEncoder(w)
	first := true
	err = each(func(rec *core.Record) error {
		if !first {
			w.WriteByte(',')
		}
		first = false
		return enc.Encode(recordNode(collection, rec, r))
	})
	if err != nil {
		return err
	}
	_, err = w.WriteString("]}\n")
	return err
}
