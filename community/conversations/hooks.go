package conversations

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// bindConversations checks openings and changes of participants, keeps the sync change log of
// the messages in step with who may read them, and deletes a conversation everybody left.
func bindConversations(app core.App) {
	app.OnRecordValidate(s.Conversations).BindFunc(func(e *core.RecordEvent) error {
		if err := checkConversation(e.App, e.Record); err != nil {
			return err
		}
		return e.Next()
	})
	app.OnRecordUpdate(s.Conversations).BindFunc(func(e *core.RecordEvent) error {
		changed := participantsChanged(e.Record)
		if err := e.Next(); err != nil || !changed {
			return err
		}
		return relogMessages(e.App, e.Record.Id)
	})
	app.OnRecordAfterUpdateSuccess(s.Conversations).BindFunc(func(e *core.RecordEvent) error {
		if len(e.Record.GetStringSlice(s.FieldParticipants)) == 0 {
			if err := e.App.Delete(e.Record); err != nil {
				e.App.Logger().Warn("conversations: delete a conversation everybody left", "id", e.Record.Id, "error", err)
			}
		}
		return e.Next()
	})
}

// checkConversation applies the opening rules to a new conversation, the change rules to a
// stored one, and refuses people who blocked its author among those joining.
func checkConversation(app core.App, rec *core.Record) error {
	author := rec.GetString(s.FieldAuthor)
	after := rec.GetStringSlice(s.FieldParticipants)
	joining := others(after, author)
	if !rec.IsNew() {
		added, err := checkChange(rec.Original().GetStringSlice(s.FieldParticipants), after)
		if err != nil {
			return err
		}
		joining = others(added, author)
	} else if err := checkOpening(author, after); err != nil {
		return err
	}
	return refuseBlocked(app, s.FieldParticipants, author, joining)
}

// participantsChanged reports whether a stored conversation's participants change.
func participantsChanged(rec *core.Record) bool {
	added, removed := diff(rec.Original().GetStringSlice(s.FieldParticipants), rec.GetStringSlice(s.FieldParticipants))
	return len(added)+len(removed) > 0
}

// relogMessages rewrites the change log rows of a conversation's messages (a no-op update the
// sync triggers log), so that the next pull of each device re-checks them against the list
// rule: a person who left gets them removed, a person added gets them.
func relogMessages(app core.App, conversationID string) error {
	_, err := app.DB().NewQuery("UPDATE {{" + s.Messages + "}} SET [[id]] = [[id]] WHERE [[" + s.FieldConversation + "]] = {:c}").
		Bind(dbx.Params{"c": conversationID}).Execute()
	if err != nil {
		return fmt.Errorf("relog messages of conversation %s: %w", conversationID, err)
	}
	return nil
}

// bindMessages refuses a message whose author is not a participant or is blocked by one.
func bindMessages(app core.App) {
	app.OnRecordValidate(s.Messages).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.IsNew() {
			if err := checkMessage(e.App, e.Record); err != nil {
				return err
			}
		}
		return e.Next()
	})
}

// checkMessage applies the writing rules to a new message.
func checkMessage(app core.App, msg *core.Record) error {
	conv, err := app.FindRecordById(s.Conversations, msg.GetString(s.FieldConversation))
	if err != nil {
		return nil // the relation field's own validation names the missing conversation
	}
	author := msg.GetString(s.FieldAuthor)
	participants := conv.GetStringSlice(s.FieldParticipants)
	if !containsID(participants, author) {
		return refuse(s.FieldConversation, "conversations.not_participant", nil)
	}
	return refuseBlocked(app, s.FieldConversation, author, others(participants, author))
}

// bindBlocks refuses blocking oneself (also for the dashboard and sync push).
func bindBlocks(app core.App) {
	app.OnRecordValidate(s.Blocks).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString(s.FieldAuthor) == e.Record.GetString(s.FieldBlocked) {
			return refuse(s.FieldBlocked, "conversations.block_self", nil)
		}
		return e.Next()
	})
}
