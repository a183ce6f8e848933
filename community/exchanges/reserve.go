package exchanges

import (
	"fmt"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// The conversations of community/conversations, by the names of the contract: an
// offer is reserved for a participant of a conversation about it with its author.
const (
	conversations     = "conversations"
	fieldParticipants = "participants"
	fieldAboutOffer   = "offer"
)

// bindReservedFor checks whom an offer is reserved for, and shows it only to the offer's
// author, that person, moderators and superusers.
func bindReservedFor(app core.App) {
	app.OnRecordValidate(s.Offers).BindFunc(func(e *core.RecordEvent) error {
		if err := checkReservedFor(e.App, e.Record); err != nil {
			return validation.Errors{s.FieldReservedFor: err}
		}
		return e.Next()
	})
	app.OnRecordEnrich(s.Offers).BindFunc(func(e *core.RecordEnrichEvent) error {
		if !seesReservedFor(e.Record, e.RequestInfo) {
			e.Record.Set(s.FieldReservedFor, "")
		}
		return e.Next()
	})
}

// checkReservedFor: a reserved offer names its person; reopening forgets them; a new person
// must have a conversation about the offer with its author.
func checkReservedFor(app core.App, rec *core.Record) error {
	state, person := rec.GetString(s.OfferFields.State), rec.GetString(s.FieldReservedFor)
	switch {
	case state == s.OfferOpen:
		rec.Set(s.FieldReservedFor, "")
		return nil
	case state == s.OfferReserved && person == "":
		return i18n.NewError("offer_reserved_for_missing", nil)
	case person == "" || (!rec.IsNew() && person == rec.Original().GetString(s.FieldReservedFor)):
		return nil
	case person == rec.GetString(s.FieldAuthor):
		return i18n.NewError("offer_reserved_for_author", nil)
	}
	ok, err := hasConversation(app, rec.Id, rec.GetString(s.FieldAuthor), person)
	if err != nil {
		return err
	}
	if !ok {
		return i18n.NewError("offer_reserved_for_no_conversation", nil)
	}
	return nil
}

// hasConversation reports whether author and person both take part in a conversation about
// offer. Without the conversations collection nobody does.
func hasConversation(app core.App, offer, author, person string) (bool, error) {
	if _, err := app.FindCachedCollectionByNameOrId(conversations); err != nil {
		return false, nil
	}
	var found int
	err := app.DB().NewQuery("SELECT COUNT(*) FROM {{" + conversations + "}} c WHERE c.[[" + fieldAboutOffer + "]] = {:offer}" +
		" AND EXISTS (SELECT 1 FROM json_each(c.[[" + fieldParticipants + "]]) p WHERE p.value = {:author})" +
		" AND EXISTS (SELECT 1 FROM json_each(c.[[" + fieldParticipants + "]]) p WHERE p.value = {:person})").
		Bind(dbx.Params{"offer": offer, "author": author, "person": person}).Row(&found)
	if err != nil {
		return false, fmt.Errorf("find conversation about offer %s: %w", offer, err)
	}
	return found > 0, nil
}

// seesReservedFor reports whether the reader of info may see whom offer rec is reserved for.
func seesReservedFor(rec *core.Record, info *core.RequestInfo) bool {
	if info == nil || info.Auth == nil {
		return false
	}
	if info.Auth.IsSuperuser() {
		return true
	}
	me := info.Auth.Id
	return me == rec.GetString(s.FieldAuthor) || me == rec.GetString(s.FieldReservedFor) ||
		info.Auth.GetString(s.FieldRole) == s.RoleModerator
}
