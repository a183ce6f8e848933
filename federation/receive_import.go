package federation

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	"github.com/maillage/maillage/interop/formats/jsonld"
	"github.com/maillage/maillage/interop/importer"
	s "github.com/maillage/maillage/schema"
)

// importedKinds are the object types the territory stores, with their collection.
var importedKinds = map[any]string{"Event": s.Events, "Place": s.Initiatives}

// importObject stores object, when it is addressed to everyone, as an imported record of
// source through the semantic bus's importer: matched by its id (externalId), so an Update
// changes the record it created; read by the JSON-LD decoder (dates, place, address,
// coordinates, HTML description as text); saved under the territory's rules for imports
// (published and public, refused outside the territory); its url kept as its link to its origin.
func importObject(e *core.RequestEvent, source string, object map[string]any) error {
	collection, ok := importedKinds[object["type"]]
	if !ok || !addressedToPublic(object) {
		return e.JSON(http.StatusAccepted, map[string]string{"status": "ignored"})
	}
	sum, err := importOne(e.App, collection, source, object)
	if err != nil {
		return e.BadRequestError("object not imported: "+err.Error(), nil)
	}
	return e.JSON(http.StatusAccepted, sum)
}

// publicAudience are the spellings of the public collection in to and cc.
var publicAudience = map[string]bool{Published: true, "as:Public": true, "Public": true}

// addressedToPublic says whether object is addressed (to or cc) to everyone: what its author
// shared with its followers only, or with a few, is never made public here.
func addressedToPublic(object map[string]any) bool {
	for _, field := range []string{"to", "cc"} {
		list, _ := object[field].([]any)
		if one, ok := object[field].(string); ok {
			list = []any{one}
		}
		for _, a := range list {
			if id, _ := a.(string); publicAudience[id] {
				return true
			}
		}
	}
	return false
}

// importOne imports object (with the ActivityStreams context when it has none) into
// collection as an item of source.
func importOne(app core.App, collection, source string, object map[string]any) (importer.Summary, error) {
	if _, has := object["@context"]; !has {
		object["@context"] = "https://www.w3.org/ns/activitystreams"
	}
	body, err := json.Marshal(object)
	if err != nil {
		return importer.Summary{}, err
	}
	return importer.ImportWith(app, jsonld.Decode, bytes.NewReader(body),
		importer.Options{Format: "jsonld", Collection: collection, Source: source, Lang: i18n.FR})
}

// removeObject deletes the event or initiative that source's object id became, if any.
func removeObject(e *core.RequestEvent, source, id string) error {
	err := e.App.RunInTransaction(func(tx core.App) error {
		for _, c := range []string{s.Events, s.Initiatives} {
			if err := deleteImported(tx, c, dbx.HashExp{s.FieldSource: source, s.FieldExternalID: id}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return e.JSON(http.StatusAccepted, map[string]string{"status": "deleted"})
}
