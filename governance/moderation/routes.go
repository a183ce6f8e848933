package moderation

import (
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// Routes of moderation.
const (
	// PathContributor answers {"published": n, "suggestionsAccepted": n} for a person whose
	// profile the requester may see.
	PathContributor = "/api/maillage/contributors/{userId}"
	// PathDecisions lists the decisions on a record (?collection=&recordId=) to its author and
	// to moderators: [{"action","actorKind","reason","created"}], newest first.
	PathDecisions = "/api/maillage/moderation/decisions"
)

// suggestions is G1's collection of suggested edits (governance/suggestions); counted only
// when it exists.
const (
	suggestions       = "suggestions"
	suggestionStatus  = "status"
	suggestionsPassed = "accepted"
	suggestionsPartly = "partlyAccepted"
)

// Contributor is what PathContributor answers.
type Contributor struct {
	Published           int `json:"published"`
	SuggestionsAccepted int `json:"suggestionsAccepted"`
}

func bindRoutes(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET(PathContributor, contributor)
		se.Router.GET(PathDecisions, decisions)
		se.Router.GET(PathQueue, queue)
		return se.Next()
	})
}

// contributor answers a person's counts, or 404 when their profile is not for the requester.
func contributor(e *core.RequestEvent) error {
	user, err := e.App.FindRecordById(s.Users, e.Request.PathValue("userId"))
	if err != nil || !canSee(e, user) {
		return e.NotFoundError("", nil)
	}
	published, err := PublishedContributions(e.App, user.Id)
	if err != nil {
		return err
	}
	accepted, err := countWhere(e.App, suggestions, dbx.And(dbx.HashExp{s.FieldAuthor: user.Id},
		dbx.In(suggestionStatus, suggestionsPassed, suggestionsPartly)))
	if err != nil {
		return err
	}
	return e.JSON(http.StatusOK, Contributor{Published: published, SuggestionsAccepted: accepted})
}

// canSee reports whether the requester may view rec by its collection's view rule.
func canSee(e *core.RequestEvent, rec *core.Record) bool {
	info, err := e.RequestInfo()
	if err != nil {
		return false
	}
	if e.HasSuperuserAuth() {
		return true
	}
	ok, err := e.App.CanAccessRecord(rec, info, rec.Collection().ViewRule)
	return err == nil && ok
}

// Decision is one entry of PathDecisions: the audit log as the author may read it (without
// who the moderator was).
type Decision struct {
	Action    string `json:"action"`
	ActorKind string `json:"actorKind"`
	Reason    string `json:"reason"`
	Created   string `json:"created"`
}

// decisions lists the decisions on a record to its author and to moderators.
func decisions(e *core.RequestEvent) error {
	coll, id := e.Request.URL.Query().Get("collection"), e.Request.URL.Query().Get("recordId")
	if e.Auth == nil || !mayReadDecisions(e, coll, id) {
		return e.NotFoundError("", nil)
	}
	entries, err := e.App.FindRecordsByFilter(s.AuditLog, "collection = {:c} && recordId = {:id}", "-created", 100, 0,
		dbx.Params{"c": coll, "id": id})
	if err != nil {
		return err
	}
	out := make([]Decision, 0, len(entries))
	for _, en := range entries {
		out = append(out, Decision{Action: en.GetString(s.FieldAuditAction), ActorKind: en.GetString(s.FieldAuditActorKind),
			Reason: en.GetString(s.FieldReason), Created: en.GetString(s.FieldCreated)})
	}
	return e.JSON(http.StatusOK, out)
}

// mayReadDecisions: a moderator, or the author of the record (which must exist).
func mayReadDecisions(e *core.RequestEvent, coll, id string) bool {
	if e.Auth.GetString(s.FieldRole) == s.RoleModerator {
		return true
	}
	if coll == "" || id == "" {
		return false
	}
	if _, err := e.App.FindCachedCollectionByNameOrId(coll); err != nil {
		return false
	}
	rec, err := e.App.FindRecordById(coll, id)
	return err == nil && rec.GetString(s.FieldAuthor) == e.Auth.Id
}
