package federation

import (
	"context"
	"encoding/json"
	"io"
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// inboxes lists where an activity of the actor followed ("" the territory, else an
// organisation's id) goes: each of its followers' shared inbox (or own inbox) once, leaving out
// the blocked domains.
func (f *federation) inboxes(q *queue, followed string) ([]string, error) {
	followers, err := q.app.FindAllRecords(s.FederationFollowers, dbx.HashExp{s.FollowerFollowed: followed})
	if err != nil {
		return nil, err
	}
	domains := blockedDomains(q.app)
	seen, inboxes := map[string]bool{}, []string{}
	for _, follower := range followers {
		inbox := f.sharedInbox(q, follower)
		if !seen[inbox] && blockedBy(domains, host(inbox)) == "" {
			seen[inbox] = true
			inboxes = append(inboxes, inbox)
		}
	}
	return inboxes, nil
}

// sharedInbox is the inbox to deliver follower's activities to: its shared inbox, read from its
// actor the first time and kept; its own inbox while the actor cannot be read.
func (f *federation) sharedInbox(q *queue, follower *core.Record) string {
	if shared := follower.GetString(s.FollowerSharedInbox); shared != "" {
		return shared
	}
	inbox := follower.GetString(s.FollowerFields.Inbox)
	shared, err := f.readSharedInbox(q.ctx, follower.GetString(s.FollowerFields.Actor))
	if err != nil {
		q.app.Logger().Debug("federation: read a follower's shared inbox", "error", err)
		return inbox
	}
	if shared == "" {
		shared = inbox
	}
	follower.Set(s.FollowerSharedInbox, shared)
	if err := q.app.Save(follower); err != nil {
		q.app.Logger().Warn("federation: keep a follower's shared inbox", "error", err)
	}
	return shared
}

// readSharedInbox reads the endpoints.sharedInbox of the actor at id ("" when it has none, or
// one on another host than the actor's).
func (f *federation) readSharedInbox(ctx context.Context, id string) (string, error) {
	var actor struct {
		Endpoints struct {
			SharedInbox string `json:"sharedInbox"`
		} `json:"endpoints"`
	}
	if err := f.readActivityJSON(ctx, id, &actor); err != nil {
		return "", err
	}
	if !sameHost(id, actor.Endpoints.SharedInbox) {
		return "", nil
	}
	return actor.Endpoints.SharedInbox, nil
}

// readActivityJSON GETs url as ActivityStreams within fetchTimeout and decodes at most
// maxDocument bytes of its 200 answer into v.
func (f *federation) readActivityJSON(ctx context.Context, url string, v any) error {
	ctx, cancel := context.WithTimeout(ctx, fetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", ActivityJSON)
	resp, err := f.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return statusError{resp.StatusCode}
	}
	return json.NewDecoder(io.LimitReader(resp.Body, maxDocument)).Decode(v)
}

// bindSharedInboxReset forgets a follower's shared inbox when its inbox changes (a new Follow
// from a moved actor), so that it is read again at the next delivery.
func bindSharedInboxReset(app core.App) {
	app.OnRecordUpdate(s.FederationFollowers).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString(s.FollowerFields.Inbox) != e.Record.Original().GetString(s.FollowerFields.Inbox) {
			e.Record.Set(s.FollowerSharedInbox, "")
		}
		return e.Next()
	})
}
