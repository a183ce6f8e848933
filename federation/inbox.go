package federation

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/go-fed/httpsig"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// inbox answers POST /federation/territory/inbox: a delivery signed by its actor (HTTP
// Signatures, checked against the actor's published key) is read; a Follow of the territory
// is stored and answered with an Accept, an Undo of a Follow removes the follower; an Accept
// or Reject answers a Follow the territory sent; what an actor the territory follows creates,
// updates, deletes or announces is stored (receive.go); other activities are acknowledged and
// ignored.
func (f *federation) inbox(e *core.RequestEvent) error {
	body, err := io.ReadAll(io.LimitReader(e.Request.Body, maxDocument+1))
	if err != nil || len(body) > maxDocument {
		return e.Error(http.StatusRequestEntityTooLarge, "delivery too large", nil)
	}
	actor, err := checkSignature(f, e.Request, body)
	if err != nil {
		return e.UnauthorizedError("signature refused: "+err.Error(), nil)
	}
	doc, err := Decode(body)
	if err != nil {
		return e.BadRequestError("not an activity: "+err.Error(), nil)
	}
	if str(doc, "actor") != actor.ID {
		return e.ForbiddenError("the activity's actor is not the signer", nil)
	}
	switch {
	case doc["type"] == "Follow":
		return f.follow(e, actor, doc)
	case doc["type"] == "Undo" && undoesFollow(doc):
		return unfollow(e, actor, doc)
	case doc["type"] == "Accept" || doc["type"] == "Reject":
		return f.answered(e, actor, doc)
	case contentActivities[doc["type"]]:
		return f.received(e, actor, doc)
	}
	return e.JSON(http.StatusAccepted, map[string]string{"status": "ignored"})
}

// checkSignature is how the inbox checks a delivery: verify (a test loosens it to show that
// its checks catch a looser one).
var checkSignature = (*federation).verify

// verify checks a delivery: a fresh Date, the body's Digest, a signature covering both, made
// with the key its keyId names, which the actor it belongs to publishes (on the same host). A
// cached key that does not verify is fetched again once (a rotated key).
func (f *federation) verify(r *http.Request, body []byte) (remoteActor, error) {
	for _, check := range []error{checkFresh(r, time.Now()), checkDigest(r, body), checkCovered(r)} {
		if check != nil {
			return remoteActor{}, check
		}
	}
	v, err := httpsig.NewVerifier(r)
	if err != nil {
		return remoteActor{}, err
	}
	actor, err := f.verifyWith(r.Context(), v, false)
	if err != nil && !errors.Is(err, errFetch) {
		actor, err = f.verifyWith(r.Context(), v, true)
	}
	return actor, err
}

// errFetch marks a failure to fetch the signer's actor (not worth fetching again at once).
var errFetch = errors.New("fetch the signer")

// verifyWith checks v's signature with its actor's key, from the cache unless fresh.
func (f *federation) verifyWith(ctx context.Context, v httpsig.Verifier, fresh bool) (remoteActor, error) {
	actor, err := f.actors.get(ctx, f.client, v.KeyId(), fresh)
	if err != nil {
		return remoteActor{}, fmt.Errorf("%w: %v", errFetch, err)
	}
	if actor.PublicKey.ID != v.KeyId() || actor.PublicKey.Owner != actor.ID || !sameHost(actor.ID, v.KeyId()) {
		return remoteActor{}, errors.New("the key is not its actor's")
	}
	key, err := parsePublicKey(actor.PublicKey.PublicKeyPem)
	if err != nil {
		return remoteActor{}, err
	}
	if err := v.Verify(key, httpsig.RSA_SHA256); err != nil {
		return remoteActor{}, errors.New("the signature does not verify")
	}
	return actor, nil
}

// follow stores the follower of a Follow of the territory or of a public organisation's actor,
// then delivers the Accept, from the actor followed, in the background (the answer never waits
// on the follower's server).
func (f *federation) follow(e *core.RequestEvent, actor remoteActor, doc Document) error {
	target, followed, ok := followedActor(e, str(doc, "object"))
	if !ok || actor.Inbox == "" || !sameHost(actor.ID, actor.Inbox) {
		return e.BadRequestError("a Follow of another actor, or from an actor with no inbox of its own", nil)
	}
	if err := saveFollower(e.App, actor, str(doc, "id"), followed); err != nil {
		return err
	}
	keys, err := f.keys.get(e.App)
	if err != nil {
		return err
	}
	accept := map[string]any{"@context": asContext, "id": target + "#accept-" + fmt.Sprint(time.Now().UnixNano()),
		"type": "Accept", "actor": target, "object": doc}
	f.inBackground(func() {
		if err := f.deliver(actor.Inbox, accept, target+"#main-key", keys.PrivateKeyPEM); err != nil {
			e.App.Logger().Warn("federation: deliver Accept", "inbox", actor.Inbox, "error", err)
		}
	})
	return e.JSON(http.StatusAccepted, map[string]string{"status": "accepted"})
}

// followedActor finds the local actor object names: the territory's (followed "") or a public
// organisation's (followed its id).
func followedActor(e *core.RequestEvent, object string) (id, followed string, ok bool) {
	base := baseURL(e)
	if object == base+actorPath {
		return object, "", true
	}
	orgID, found := strings.CutPrefix(object, base+organisationsPath)
	if !found {
		return "", "", false
	}
	org, ok := publicOrganisation(e.App, orgID)
	if !ok {
		return "", "", false
	}
	return object, org.Id, true
}

// saveFollower stores (or updates) the follower actor of followed with its inbox and Follow id.
func saveFollower(app core.App, actor remoteActor, followID, followed string) error {
	rec, err := findFollower(app, actor.ID, followed)
	if err != nil {
		c, cerr := app.FindCollectionByNameOrId(s.FederationFollowers)
		if cerr != nil {
			return cerr
		}
		rec = core.NewRecord(c)
	}
	rec.Set(s.FollowerFields.Actor, actor.ID)
	rec.Set(s.FollowerFollowed, followed)
	rec.Set(s.FollowerFields.Inbox, actor.Inbox)
	rec.Set(s.FollowerFields.Follow, followID)
	return app.Save(rec)
}

// findFollower finds the follower row of actor following followed.
func findFollower(app core.App, actor, followed string) (*core.Record, error) {
	rows, err := app.FindAllRecords(s.FederationFollowers, dbx.HashExp{s.FollowerFields.Actor: actor, s.FollowerFollowed: followed})
	if err != nil || len(rows) == 0 {
		return nil, errors.Join(err, sql.ErrNoRows)
	}
	return rows[0], nil
}

// deliver POSTs activity, signed with the territory's key, to inbox.
func (f *federation) deliver(inbox string, activity map[string]any, keyID, privatePEM string) error {
	body, err := json.Marshal(activity)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, inbox, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", ActivityJSON)
	if err := sign(req, body, keyID, privatePEM); err != nil {
		return err
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}

// undoesFollow says whether an Undo's object is a Follow (embedded, as Mastodon, Mobilizon and
// Gancio send it).
func undoesFollow(doc Document) bool {
	object, ok := doc["object"].(map[string]any)
	return ok && object["type"] == "Follow"
}

// unfollow removes the signer from the followers of the actor its Undo's Follow named (the
// territory when it names none it knows).
func unfollow(e *core.RequestEvent, actor remoteActor, doc Document) error {
	follow, _ := doc["object"].(map[string]any)
	_, followed, _ := followedActor(e, str(follow, "object"))
	rec, err := findFollower(e.App, actor.ID, followed)
	if err == nil {
		if err := e.App.Delete(rec); err != nil {
			return err
		}
	}
	return e.JSON(http.StatusAccepted, map[string]string{"status": "unfollowed"})
}
