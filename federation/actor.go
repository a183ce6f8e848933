package federation

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// ActorType is the territory actor's type. Group: the territory gathers the events and places
// of many organisers, as a Mobilizon group does, and Mobilizon lists a remote Group's events;
// Mastodon shows a Group as a boostable account; Application is what Mobilizon and Gancio use
// for their instance (relay) actors, which publish nothing of their own.
const ActorType = "Group"

// actor answers GET /federation/territory: the actor document when ActivityStreams is asked
// for, the PWA's home page otherwise.
func (f *federation) actor(e *core.RequestEvent) error {
	if !wantsActivity(e.Request) {
		return e.Redirect(http.StatusSeeOther, "/")
	}
	keys, err := f.keys.get(e.App)
	if err != nil {
		return err
	}
	return writeActivity(e, actorDocument(baseURL(e), e.App.Settings().Meta.AppName, keys.PublicKeyPEM))
}

// actorDocument is the territory actor at base, named name, with its public key.
func actorDocument(base, name, publicKeyPEM string) map[string]any {
	id := base + actorPath
	return map[string]any{
		"@context": asContext, "id": id, "type": ActorType,
		"preferredUsername": s.FederationActor, "name": name,
		"summary": "Agenda et carte des initiatives du territoire / the territory's agenda and map",
		"url":     base + "/",
		"inbox":   id + "/inbox", "outbox": id + "/outbox",
		"followers": id + "/followers", "following": id + "/following",
		"endpoints":                 map[string]any{"sharedInbox": id + "/inbox"},
		"manuallyApprovesFollowers": false, "discoverable": true,
		"publicKey": map[string]any{"id": id + "#main-key", "owner": id, "publicKeyPem": publicKeyPEM},
	}
}

// followers answers the followers collection: its size only (who follows is not published).
func (f *federation) followers(e *core.RequestEvent) error {
	n, err := e.App.CountRecords(s.FederationFollowers)
	if err != nil {
		return err
	}
	return writeActivity(e, map[string]any{
		"@context": asContext, "id": baseURL(e) + actorPath + "/followers",
		"type": "OrderedCollection", "totalItems": n,
	})
}

// following answers the following collection (the territory follows nobody yet).
func (f *federation) following(e *core.RequestEvent) error {
	return f.emptyCollection(e, "/following")
}

// emptyCollection answers an OrderedCollection of the actor with no items.
func (f *federation) emptyCollection(e *core.RequestEvent, suffix string) error {
	return writeActivity(e, map[string]any{
		"@context": asContext, "id": baseURL(e) + actorPath + suffix,
		"type": "OrderedCollection", "totalItems": 0, "orderedItems": []any{},
	})
}
