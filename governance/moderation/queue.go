package moderation

import (
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// PathQueue answers the moderation queue to trusted members and moderators: the pending
// contributions they may vote on and, for moderators, the reported items.
const PathQueue = "/api/maillage/moderation/queue"

// queueLimit bounds each collection's pending items and the reports read.
const queueLimit = 200

// QueueItem is a pending contribution awaiting a decision.
type QueueItem struct {
	Collection string         `json:"collection"`
	ID         string         `json:"id"`
	Title      string         `json:"title"`
	Author     string         `json:"author"`
	Created    string         `json:"created"`
	Votes      map[string]int `json:"votes"`
	MyVote     string         `json:"myVote"`
}

// Reported is an item with open reports.
type Reported struct {
	Collection string   `json:"collection"`
	ID         string   `json:"id"`
	Excerpt    string   `json:"excerpt"`
	Reasons    []string `json:"reasons"`
	Hidden     bool     `json:"hidden"`
}

// Queue is what PathQueue answers.
type Queue struct {
	Trusted   bool        `json:"trusted"`
	Moderator bool        `json:"moderator"`
	Pending   []QueueItem `json:"pending"`
	Reported  []Reported  `json:"reported"`
}

func queue(e *core.RequestEvent) error {
	if e.Auth == nil {
		return e.UnauthorizedError("", nil)
	}
	trusted, err := IsTrusted(e.App, e.Auth.Id)
	if err != nil {
		return err
	}
	q := Queue{Trusted: trusted, Moderator: e.Auth.GetString(s.FieldRole) == s.RoleModerator, Pending: []QueueItem{}, Reported: []Reported{}}
	if !trusted {
		return e.JSON(http.StatusOK, q)
	}
	if q.Pending, err = pendingFor(e.App, e.Auth, q.Moderator); err != nil {
		return err
	}
	if q.Moderator {
		if q.Reported, err = reported(e.App); err != nil {
			return err
		}
	}
	return e.JSON(http.StatusOK, q)
}

// pendingFor lists the pending contributions user may decide on.
func pendingFor(app core.App, user *core.Record, moderator bool) ([]QueueItem, error) {
	out := []QueueItem{}
	for _, coll := range moderatedCollections {
		recs, err := app.FindRecordsByFilter(coll, "status = 'pending' && deleted = false && visibility != 'private'", "created", queueLimit, 0)
		if err != nil {
			continue // a collection missing from the schema
		}
		for _, r := range recs {
			item, ok, err := queueItem(app, r, user, moderator)
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, item)
			}
		}
	}
	return out, nil
}

// queueItem describes r for user, ok false when user may not vote on it.
func queueItem(app core.App, r, user *core.Record, moderator bool) (QueueItem, bool, error) {
	if !moderator {
		if r.GetString(s.FieldAuthor) == user.Id {
			return QueueItem{}, false, nil
		}
		ok, err := mayValidate(app, r, user)
		if err != nil || !ok {
			return QueueItem{}, false, err
		}
		if hidden, err := hiddenByReports(app, r.Collection().Name, r.Id); err != nil || hidden {
			return QueueItem{}, false, err
		}
	}
	item := QueueItem{Collection: r.Collection().Name, ID: r.Id, Title: excerptOf(r), Author: r.GetString(s.FieldAuthor),
		Created: r.GetString(s.FieldCreated), Votes: map[string]int{s.VoteValidate: 0, s.VoteRefuse: 0}}
	votes, err := app.FindAllRecords(s.ModerationVotes, dbx.HashExp{s.FieldTargetCollection: item.Collection, s.FieldTargetRecordID: r.Id})
	for _, v := range votes {
		item.Votes[v.GetString(s.FieldVoteValue)]++
		if v.GetString(s.FieldVoteVoter) == user.Id {
			item.MyVote = v.GetString(s.FieldVoteValue)
		}
	}
	return item, true, err
}

// reported groups the open reports by the item they are about.
func reported(app core.App) ([]Reported, error) {
	reps, err := app.FindRecordsByFilter(s.Reports, "state = 'open'", "created", queueLimit, 0)
	if err != nil {
		return nil, err
	}
	out, at := []Reported{}, map[string]int{}
	for _, r := range reps {
		key := r.GetString(s.FieldTargetCollection) + "/" + r.GetString(s.FieldTargetRecordID)
		i, seen := at[key]
		if !seen {
			i, at[key] = len(out), len(out)
			out = append(out, Reported{Collection: r.GetString(s.FieldTargetCollection), ID: r.GetString(s.FieldTargetRecordID),
				Excerpt: r.GetString(s.FieldReportExcerpt), Reasons: []string{}})
		}
		out[i].Reasons = append(out[i].Reasons, r.GetString(s.FieldReason))
		out[i].Hidden = out[i].Hidden || r.GetBool(s.FieldReportHidden)
	}
	return out, nil
}
