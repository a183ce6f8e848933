package push

import (
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// messageNotes: a new message, for the conversation's other participants who want messages,
// did not block its author (nor were blocked by them) and may read it.
func (n *Notifier) messageNotes(msg *core.Record, ev event) []outgoing {
	conv, err := n.app.FindRecordById(s.Conversations, msg.GetString(s.FieldConversation))
	if err != nil {
		return nil
	}
	author := msg.GetString(s.FieldAuthor)
	var out []outgoing
	for _, user := range n.recipients(conv.GetStringSlice(s.FieldParticipants), author, ev.writer) {
		if !preferencesOf(n.app, user.Id).messages || n.blocked(user.Id, author) || !canRead(n.app, msg, user) {
			continue
		}
		lang := langOf(user)
		out = append(out, outgoing{user, Notification{
			Title: i18n.T(lang, "push_message_title", map[string]any{"name": n.nameFor(author, user, lang)}),
			Body:  excerpt(msg.GetString(s.FieldText)),
			URL:   "/#/messages/" + conv.Id,
		}})
	}
	return out
}

// replyNotes: a new comment, for the author of the comment it answers and of the thread it
// is in, when they want replies, did not block its author and may read it.
func (n *Notifier) replyNotes(comment *core.Record, ev event) []outgoing {
	var to []string
	if parent, err := n.app.FindRecordById(s.Comments, comment.GetString(s.FieldCommentParent)); err == nil {
		to = append(to, parent.GetString(s.FieldAuthor))
	}
	target, id := comment.GetString(s.FieldCommentTarget), comment.GetString(s.FieldCommentTargetID)
	if thread, err := n.app.FindRecordById(s.Threads, id); err == nil && target == s.Threads {
		to = append(to, thread.GetString(s.FieldAuthor))
	}
	author := comment.GetString(s.FieldAuthor)
	var out []outgoing
	for _, user := range n.recipients(to, author, ev.writer) {
		if !preferencesOf(n.app, user.Id).replies || n.blocked(user.Id, author) || !canRead(n.app, comment, user) {
			continue
		}
		lang := langOf(user)
		out = append(out, outgoing{user, Notification{
			Title: i18n.T(lang, "push_reply_title", map[string]any{"name": n.nameFor(author, user, lang)}),
			Body:  excerpt(comment.GetString(s.FieldDiscussionText)),
			URL:   detailURL(target, id),
		}})
	}
	return out
}

// decisionNotes: a moderator published or rejected a contribution, for its author (unless
// they decided it themselves, or it was decided otherwise since).
func (n *Notifier) decisionNotes(rec *core.Record, ev event) []outgoing {
	if rec.GetString(s.FieldStatus) != ev.status {
		return nil
	}
	users := n.recipients([]string{rec.GetString(s.FieldAuthor)}, "", ev.writer)
	if len(users) == 0 || !preferencesOf(n.app, users[0].Id).decisions || !canRead(n.app, rec, users[0]) {
		return nil
	}
	user, lang := users[0], langOf(users[0])
	return []outgoing{{user, Notification{
		Title: i18n.T(lang, "push_"+ev.status+"_title", nil),
		Body:  label(rec, lang),
		URL:   detailURL(rec.Collection().Name, rec.Id),
	}}}
}

// nearNotes: an event or offer was published, for those who asked for such records within
// a radius of their point and in their categories, measured on the location they may see.
func (n *Notifier) nearNotes(rec *core.Record, ev event) []outgoing {
	if rec.GetString(s.FieldStatus) != s.StatusPublished || rec.GetBool(s.FieldDeleted) {
		return nil
	}
	prefs, err := n.app.FindRecordsByFilter(s.NotificationPreferences, "near:each ?= {:c} && nearConsent = true", "", 0, 0,
		dbx.Params{"c": rec.Collection().Name})
	if err != nil {
		return nil
	}
	exact := pointOf(rec)
	var out []outgoing
	for _, p := range prefs {
		want := preferencesFrom(p)
		if geo.DistanceMeters(want.point, exact) > want.radiusKm*1000+geo.BlurMaxOffsetMeters+1 {
			continue // far even before blurring: spare the lookups
		}
		users := n.recipients([]string{p.GetString(s.FieldPrefUser)}, rec.GetString(s.FieldAuthor), ev.writer)
		if o, ok := n.nearNote(rec, want, users); ok {
			out = append(out, o)
		}
	}
	return out
}

// nearNote is the notification of rec for the one user of users with preferences want.
func (n *Notifier) nearNote(rec *core.Record, want preferences, users []*core.Record) (outgoing, bool) {
	if len(users) == 0 {
		return outgoing{}, false
	}
	seen := seenBy(n.app, rec, users[0])
	if seen == nil || !want.wantsNear(rec.Collection().Name, pointOf(seen), seen.GetStringSlice("categories")) {
		return outgoing{}, false
	}
	lang := langOf(users[0])
	return outgoing{users[0], Notification{
		Title: i18n.T(lang, "push_near_"+rec.Collection().Name+"_title", nil),
		Body:  label(seen, lang),
		URL:   detailURL(rec.Collection().Name, rec.Id),
	}}, true
}

// recipients loads the users of ids, once each, leaving out the author and the writer.
func (n *Notifier) recipients(ids []string, author, writer string) []*core.Record {
	var out []*core.Record
	var seen []string
	for _, id := range ids {
		if id == "" || id == author || id == writer || slices.Contains(seen, id) {
			continue
		}
		seen = append(seen, id)
		if user, err := n.app.FindRecordById(s.Users, id); err == nil {
			out = append(out, user)
		}
	}
	return out
}

// blocked reports whether a or b blocked the other. Without a blocks collection nobody is
// blocked; when the answer cannot be read, it says blocked (no push rather than an unwanted one).
func (n *Notifier) blocked(a, b string) bool {
	if _, err := n.app.FindCachedCollectionByNameOrId(s.Blocks); err != nil {
		return false
	}
	count, err := n.app.CountRecords(s.Blocks, dbx.Or(
		dbx.HashExp{s.FieldAuthor: a, s.FieldBlocked: b}, dbx.HashExp{s.FieldAuthor: b, s.FieldBlocked: a}))
	return err != nil || count > 0
}

// pointOf is rec's location.
func pointOf(rec *core.Record) geo.Point {
	p := rec.GetGeoPoint(s.FieldGeo)
	return geo.Point{Lon: p.Lon, Lat: p.Lat}
}
