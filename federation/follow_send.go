package federation

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// errNoSite refuses to follow while the site's public address is not set.
var errNoSite = errors.New("the application URL is not set in the settings")

// selfActor is the territory actor's id, from the application URL of the settings.
func selfActor(app core.App) (string, error) {
	base := strings.TrimRight(app.Settings().Meta.AppURL, "/")
	if base == "" || base == "http://localhost:8090" {
		return "", errNoSite
	}
	return base + actorPath, nil
}

// startFollow resolves the target of the following row id and sends it a Follow; a failure
// leaves the row refused, with the reason.
func (f *federation) startFollow(app core.App, id string) {
	rec, err := app.FindRecordById(s.FederationFollowing, id)
	if err != nil {
		app.Logger().Warn("federation: follow", "id", id, "error", err)
		return
	}
	if err := f.sendFollow(app, rec); err != nil {
		app.Logger().Warn("federation: follow", "target", rec.GetString(s.FollowingFields.Target), "error", err)
		setState(app, rec, s.FollowRefused, i18n.T(i18n.FR, "following_failed", map[string]any{"reason": err.Error()}))
	}
}

// sendFollow resolves rec's actor, records it with its sources row, and delivers the Follow.
func (f *federation) sendFollow(app core.App, rec *core.Record) error {
	self, err := selfActor(app)
	if err != nil {
		return err
	}
	actor, err := f.resolveActor(rec.GetString(s.FollowingFields.Target))
	if err != nil {
		return err
	}
	source, err := ensureSource(app, actor)
	if err != nil {
		return err
	}
	follow := map[string]any{"@context": asContext, "id": self + "#follow-" + rec.Id, "type": "Follow", "actor": self, "object": actor.ID}
	rec.Load(map[string]any{s.FollowingFields.Actor: actor.ID, s.FollowingFields.Inbox: actor.Inbox,
		s.FollowingFields.Follow: follow["id"], s.FollowingFields.Source: source})
	if err := app.Save(rec); err != nil {
		return err
	}
	return queueActivity(app, actor.Inbox, follow)
}

// resolveActor finds target's actor and checks it: it names itself on the host it was read
// from, and has an inbox on that host.
func (f *federation) resolveActor(target string) (remoteActor, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*fetchTimeout)
	defer cancel()
	id, err := resolveTarget(ctx, f.client, target)
	if err != nil {
		return remoteActor{}, err
	}
	actor, err := fetchActor(ctx, f.client, id)
	if err != nil {
		return remoteActor{}, err
	}
	if !sameHost(actor.ID, id) || actor.Inbox == "" || !sameHost(actor.ID, actor.Inbox) {
		return remoteActor{}, errors.New("the actor names another host, or has no inbox of its own")
	}
	return actor, nil
}

// queueActivity hands activity for inbox to the app's delivery queue, which signs it with the
// territory's key and retries it with backoff.
func queueActivity(app core.App, inbox string, activity map[string]any) error {
	q, ok := app.Store().Get(queueStoreKey).(*queue)
	if !ok {
		return errors.New("no delivery queue")
	}
	body, err := json.Marshal(activity)
	if err != nil {
		return err
	}
	return q.push(body, inbox)
}

// setState records a follow's state, when, and why (empty once accepted).
func setState(app core.App, rec *core.Record, state, message string) {
	rec.Set(s.FollowingFields.State, state)
	rec.Set(s.FollowingFields.StateAt, types.NowDateTime())
	rec.Set(s.FollowingFields.Message, message)
	if err := app.Save(rec); err != nil {
		app.Logger().Warn("federation: follow state", "id", rec.Id, "error", err)
	}
}

// sendUndo tells the actor of a deleted follow that the territory no longer follows it.
func (f *federation) sendUndo(app core.App, rec *core.Record) {
	inbox, follow := rec.GetString(s.FollowingFields.Inbox), rec.GetString(s.FollowingFields.Follow)
	self, err := selfActor(app)
	if inbox == "" || follow == "" || err != nil {
		return
	}
	undo := map[string]any{"@context": asContext, "id": follow + "-undo", "type": "Undo", "actor": self,
		"object": map[string]any{"id": follow, "type": "Follow", "actor": self, "object": rec.GetString(s.FollowingFields.Actor)}}
	if err := queueActivity(app, inbox, undo); err != nil {
		app.Logger().Warn("federation: undo follow", "inbox", inbox, "error", err)
	}
}

// ensureSource returns the name of actor's sources row, made when missing: the provenance of
// what it publishes (read by the inbox, never fetched on a schedule).
func ensureSource(app core.App, actor remoteActor) (string, error) {
	name := s.FederationSourcePrefix + handleOf(actor)
	if _, err := app.FindFirstRecordByFilter(s.Sources, s.FieldSourceName+" = {:n}", dbx.Params{"n": name}); err == nil {
		return name, nil
	}
	c, err := app.FindCollectionByNameOrId(s.Sources)
	if err != nil {
		return "", err
	}
	src := core.NewRecord(c)
	src.Load(map[string]any{s.FieldSourceName: name, s.FieldSourceFormat: "jsonld", s.FieldSourceURL: actor.ID,
		s.FieldSourceCollection: s.Events, s.FieldSourceEnabled: false, s.FieldSourceAttribution: firstNonEmpty(actor.Name, handleOf(actor))})
	return name, app.Save(src)
}

// handleOf is @name@host for an actor with a preferredUsername, its id otherwise.
func handleOf(actor remoteActor) string {
	u, err := url.Parse(actor.ID)
	if actor.PreferredUsername == "" || err != nil {
		return actor.ID
	}
	return "@" + actor.PreferredUsername + "@" + u.Host
}

// firstNonEmpty is the first of vals that is not blank.
func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
