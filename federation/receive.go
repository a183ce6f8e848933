package federation

import (
	"context"
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// contentActivities are the activities by which a followed actor publishes, changes and
// withdraws what it shares.
var contentActivities = map[any]bool{"Create": true, "Update": true, "Delete": true, "Announce": true}

// answered reads an Accept or Reject of a Follow the territory sent to actor, and sets the
// follow's state; any other is acknowledged and ignored.
func (f *federation) answered(e *core.RequestEvent, actor remoteActor, doc Document) error {
	rec, err := followingOf(e.App, actor.ID)
	if err != nil || !answersFollow(doc, rec, baseURL(e)+actorPath) {
		return e.JSON(http.StatusAccepted, map[string]string{"status": "ignored"})
	}
	state := s.FollowAccepted
	if doc["type"] == "Reject" {
		state = s.FollowRefused
	}
	setState(e.App, rec, state, "")
	return e.JSON(http.StatusAccepted, map[string]string{"status": state})
}

// answersFollow says whether doc's object is rec's Follow: its id, or a Follow of rec's actor
// by the territory (self).
func answersFollow(doc Document, rec *core.Record, self string) bool {
	follow := rec.GetString(s.FollowingFields.Follow)
	if object, ok := doc["object"].(string); ok {
		return follow != "" && object == follow
	}
	object, _ := doc["object"].(map[string]any)
	if follow != "" && str(object, "id") == follow {
		return true
	}
	return object["type"] == "Follow" && str(object, "actor") == self && str(object, "object") == rec.GetString(s.FollowingFields.Actor)
}

// received stores what an actor the territory follows (accepted) publishes: the Event or Place
// of a Create, Update or Announce is imported, a Delete removes it. Others are refused.
func (f *federation) received(e *core.RequestEvent, actor remoteActor, doc Document) error {
	rec, err := followingOf(e.App, actor.ID)
	if err != nil || rec.GetString(s.FollowingFields.State) != s.FollowAccepted {
		return e.ForbiddenError("the territory does not follow this actor", nil)
	}
	object, err := f.objectOf(e.Request.Context(), actor, doc)
	if err != nil {
		return e.ForbiddenError("object refused: "+err.Error(), nil)
	}
	source := rec.GetString(s.FollowingFields.Source)
	if doc["type"] == "Delete" {
		return removeObject(e, source, str(object, "id"))
	}
	return importObject(e, source, object)
}

// errHost refuses an object that its sender (or its author, for an Announce) may not speak for.
var errHost = errors.New("the object's host is not its sender's")

// objectOf returns the object of a content activity, checked: the sender's own (same host) for
// Create, Update and Delete; for an Announce, the object as its own host serves it (fetched,
// unless the sender is that host) and attributed to an actor of that host.
func (f *federation) objectOf(ctx context.Context, actor remoteActor, doc Document) (map[string]any, error) {
	object := asObject(doc["object"])
	if doc["type"] == "Announce" {
		return f.announced(ctx, actor, object)
	}
	if !sameHost(str(object, "id"), actor.ID) {
		return nil, errHost
	}
	if _, to := object["to"]; !to && object["cc"] == nil {
		object["to"], object["cc"] = doc["to"], doc["cc"] // addressed by its activity only
	}
	return object, nil
}

// announced is an Announce's object: the embedded one when the sender is its host, the one
// its host serves otherwise; its author must be of the object's host.
func (f *federation) announced(ctx context.Context, actor remoteActor, object map[string]any) (map[string]any, error) {
	object = unwrapActivity(object)
	id := str(object, "id")
	if !sameHost(id, actor.ID) || len(object) == 1 {
		fetched, err := fetchObject(ctx, f.client, id)
		if err != nil {
			return nil, err
		}
		object = fetched
	}
	author := firstNonEmpty(ref(object["attributedTo"]), ref(object["actor"]))
	if str(object, "id") != id || !sameHost(id, author) {
		return nil, errHost
	}
	return object, nil
}

// unwrapActivity is the object of an announced Create or Update, or object itself.
func unwrapActivity(object map[string]any) map[string]any {
	if inner, ok := object["object"].(map[string]any); ok && (object["type"] == "Create" || object["type"] == "Update") {
		return inner
	}
	return object
}

// asObject is v as an object: itself, or {"id": v} for a link.
func asObject(v any) map[string]any {
	switch t := v.(type) {
	case map[string]any:
		return t
	case string:
		return map[string]any{"id": t}
	}
	return map[string]any{}
}

// ref is the id of a link or object, or of the first of a list of them.
func ref(v any) string {
	if list, ok := v.([]any); ok && len(list) > 0 {
		v = list[0]
	}
	return str(asObject(v), "id")
}
