package push

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// Notification is the payload of one push, JSON {title, body, url}, written in its
// recipient's language; the service worker shows title and body and opens url on a click.
type Notification struct {
	Title string `json:"title"`
	Body  string `json:"body"`
	URL   string `json:"url"`
}

// outgoing is one notification for one person.
type outgoing struct {
	to   *core.Record
	note Notification
}

// maxBody bounds a notification's body (characters): a glance, not the whole text.
const maxBody = 140

// notificationsFor reads ev's record again and returns the notifications it makes: nothing
// when the record is gone.
func (n *Notifier) notificationsFor(ev event) []outgoing {
	rec, err := n.app.FindRecordById(ev.collection, ev.id)
	if err != nil {
		return nil
	}
	switch ev.kind {
	case kindMessage:
		return n.messageNotes(rec, ev)
	case kindReply:
		return n.replyNotes(rec, ev)
	case kindDecision:
		return n.decisionNotes(rec, ev)
	case kindNear:
		return n.nearNotes(rec, ev)
	case kindPhase:
		return n.phaseNotes(rec, ev)
	}
	return nil
}

// langOf is the language user reads their notifications in: their locale, else French.
func langOf(user *core.Record) string {
	return i18n.Negotiate(i18n.UserLocale(user), "")
}

// asReader is the request of user reading a record, for the collections' own rules.
func asReader(user *core.Record) *core.RequestInfo {
	return &core.RequestInfo{Auth: user, Method: http.MethodGet, Context: core.RequestInfoContextDefault,
		Query: map[string]string{}, Headers: map[string]string{}, Body: map[string]any{}}
}

// canRead reports whether user may read rec through the API (its collection's view rule):
// nobody is told of what they may not read.
func canRead(app core.App, rec, user *core.Record) bool {
	ok, err := app.CanAccessRecord(rec, asReader(user), rec.Collection().ViewRule)
	return err == nil && ok
}

// seenBy returns rec as user reads it through the API (hidden fields hidden, a location
// blurred), or nil when user may not read it.
func seenBy(app core.App, rec, user *core.Record) *core.Record {
	if !canRead(app, rec, user) {
		return nil
	}
	seen := rec.Clone()
	ev := &core.RecordEnrichEvent{App: app, RequestInfo: asReader(user)}
	ev.Record = seen
	if err := app.OnRecordEnrich().Trigger(ev); err != nil {
		return nil
	}
	return seen
}

// nameFor is how reader sees the person userID: their name when reader may read their
// profile, "someone" otherwise.
func (n *Notifier) nameFor(userID string, reader *core.Record, lang string) string {
	user, err := n.app.FindRecordById(s.Users, userID)
	if err == nil && canRead(n.app, user, reader) {
		if name := strings.TrimSpace(user.GetString("name")); name != "" {
			return name
		}
	}
	return i18n.T(lang, "push_someone", nil)
}

// label is a content record's name or title, "(untitled)" when it has neither.
func label(rec *core.Record, lang string) string {
	for _, field := range []string{"name", "title"} {
		if v := strings.TrimSpace(rec.GetString(field)); v != "" {
			return excerpt(v)
		}
	}
	return i18n.T(lang, "push_untitled", nil)
}

// excerpt shortens text to maxBody characters on one line.
func excerpt(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= maxBody {
		return text
	}
	return string([]rune(text)[:maxBody-1]) + "…"
}

// detailURL is the PWA view of a record: a forum thread's or a proposal's page, or a content
// record's.
func detailURL(collection, id string) string {
	switch collection {
	case s.Threads:
		return "/#/forum/" + id
	case s.Proposals:
		return "/#/proposals/" + id
	}
	return "/#/i/" + collection + "/" + id
}
