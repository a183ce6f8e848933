// Package federation publishes the territory on the fediverse through ActivityPub: its actor
// (found by WebFinger as acct:territory@HOST, with NodeInfo describing the server), and an
// outbox of Create activities of the public, published events (Event) and initiatives (Place).
// Private and community records never appear. Its inbox accepts Follow requests signed with
// HTTP Signatures and answers them with a signed Accept; followers then receive the Create,
// Update and Delete of what becomes public, changes, or stops being public.
//
//	federation.Register(app)
package federation

import (
	"net/http"
	"strings"
	"sync"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// Media types of ActivityPub (activity+json, and JSON-LD with the ActivityStreams profile) and
// of WebFinger.
const (
	ActivityJSON = "application/activity+json"
	LDJSON       = `application/ld+json; profile="https://www.w3.org/ns/activitystreams"`
	JRDJSON      = "application/jrd+json"
)

// asContext is the JSON-LD context of every document served: ActivityStreams and the security
// vocabulary (publicKey), as Mastodon, Mobilizon and Gancio write it.
var asContext = []any{"https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"}

// Paths of the territory actor and of its collections.
const (
	actorPath = "/federation/" + s.FederationActor
)

// Register adds the federation routes to app.
func Register(app core.App) {
	f := &federation{keys: &keyCache{}, actors: &actorCache{}, client: newClient()}
	f.bindBlocks(app)
	f.bindOrganisations(app)
	f.bindDelivery(app)
	f.bindFollowing(app)
	f.bindBackgroundLife(app)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET("/.well-known/webfinger", f.webfinger)
		se.Router.GET("/.well-known/nodeinfo", f.nodeinfoLinks)
		se.Router.GET("/nodeinfo/{version}", f.nodeinfo)
		se.Router.GET(actorPath, f.actor)
		se.Router.GET(actorPath+"/outbox", f.outbox)
		se.Router.GET(actorPath+"/followers", f.followers)
		se.Router.GET(actorPath+"/following", f.following)
		se.Router.POST(actorPath+"/inbox", f.inbox)
		se.Router.GET("/federation/objects/{collection}/{id}", f.object)
		return se.Next()
	})
}

// federation holds what the handlers share: the actor's keys, read once, the remote actors
// that signed deliveries, and the client of remote fetches and deliveries.
type federation struct {
	keys   *keyCache
	actors *actorCache
	client *http.Client
	// background counts the follows and unfollows being sent after their record was saved:
	// the app waits for them when it terminates, so that none writes to a closed database.
	background sync.WaitGroup
}

// inBackground runs fn beside the request that asked for it, counted in f.background.
func (f *federation) inBackground(fn func()) {
	f.background.Go(fn)
}

// bindBackgroundLife makes the app wait, when it terminates, for what runs in the background.
func (f *federation) bindBackgroundLife(app core.App) {
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		f.background.Wait()
		return e.Next()
	})
}

// newClient makes the client of remote requests (tests let it reach loopback).
var newClient = configuredClient

// baseURL is the site's address: the application URL of the settings when one was set (not
// PocketBase's default, http://localhost:8090), the request's otherwise.
func baseURL(e *core.RequestEvent) string {
	if u := strings.TrimRight(e.App.Settings().Meta.AppURL, "/"); u != "" && u != "http://localhost:8090" {
		return u
	}
	scheme := "http"
	if e.Request.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + e.Request.Host
}

// wantsActivity says whether the request asks for ActivityStreams (activity+json, or ld+json
// with the ActivityStreams profile) rather than a web page.
func wantsActivity(r *http.Request) bool {
	accept := r.Header.Get("Accept")
	if strings.Contains(accept, ActivityJSON) {
		return true
	}
	for _, part := range strings.Split(accept, ",") {
		if strings.HasPrefix(strings.TrimSpace(part), "application/ld+json") &&
			strings.Contains(part, "https://www.w3.org/ns/activitystreams") {
			return true
		}
	}
	return false
}

// writeActivity answers doc as application/activity+json.
func writeActivity(e *core.RequestEvent, doc map[string]any) error {
	e.Response.Header().Set("Content-Type", ActivityJSON+"; charset=utf-8")
	e.Response.Header().Set("Vary", "Accept")
	return e.JSON(http.StatusOK, doc)
}
