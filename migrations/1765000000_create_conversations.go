package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// conversations, messages, blocks and conversationReads: private talk between a few people.
// The rules below say who reads and writes; community/conversations adds what a rule cannot
// say (at least two people, one leaves at a time, blocked people cannot write) as model hooks.
func init() {
	m.Register(createConversations, dropCollections(s.ConversationReads, s.Blocks, s.Messages, s.Conversations))
}

// Conversation rules (a multiple relation is matched through its ids: `participants.id ?= x`;
// `participants ?= x` would compare the stored JSON list as a whole). A participant reads the conversation and its messages; nobody else does,
// moderators included (private talk, like private content).
const (
	ruleParticipant = `(@request.auth.id != "" && participants.id ?= @request.auth.id)`

	conversationCreate = ruleSignedIn + ` && author = @request.auth.id && participants.id ?= @request.auth.id`

	// conversationUpdate: a participant changes nothing that names who opened it or about what;
	// the author may change the subject and add people while staying in (the new list holds
	// them and is no shorter); anyone else may only leave (they are not in the new list). The
	// hook then refuses an update that both adds and removes, or removes more than one person,
	// so that leaving removes exactly oneself, and only the author adds.
	conversationUpdate = ruleParticipant +
		` && @request.body.author:changed = false && @request.body.offer:changed = false && (` +
		`(author = @request.auth.id && (@request.body.participants:isset = false || ` +
		`(@request.body.participants.id ?= @request.auth.id && @request.body.participants:length >= participants:length)))` +
		` || (@request.body.subject:changed = false && (@request.body.participants:isset = false || ` +
		`@request.body.participants:length = 0 || @request.body.participants:each != @request.auth.id)))`

	ruleConversationParticipant = `(@request.auth.id != "" && conversation.participants.id ?= @request.auth.id)`

	// messageCreate: a participant writes as themself; the hook refuses a blocked writer.
	messageCreate = ruleConversationParticipant + ` && author = @request.auth.id`

	ruleOwnBlock = `(@request.auth.id != "" && author = @request.auth.id)`
	blockCreate  = ruleOwnBlock + ` && blocked != @request.auth.id`

	ruleOwnRead = `(@request.auth.id != "" && user = @request.auth.id)`
	readCreate  = ruleOwnRead + ` && conversation.participants.id ?= @request.auth.id`
	readUpdate  = ruleOwnRead + ` && @request.body.user:changed = false && @request.body.conversation:changed = false`
)

func createConversations(app core.App) error {
	offers, err := app.FindCollectionByNameOrId(s.Offers)
	if err != nil {
		return err
	}
	conversations := buildConversations(offers.Id)
	if err := app.Save(conversations); err != nil {
		return err
	}
	for _, c := range []*core.Collection{buildMessages(conversations.Id), buildBlocks(), buildConversationReads(conversations.Id)} {
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}

// buildConversations: participants is not required, so that deleting an account (which takes
// its id out of every relation) never fails; the hook asks for two people at the start and
// deletes a conversation everybody left.
func buildConversations(offersID string) *core.Collection {
	c := core.NewBaseCollection(s.Conversations)
	c.ListRule = rule(ruleParticipant)
	c.ViewRule = rule(ruleParticipant)
	c.CreateRule = rule(conversationCreate)
	c.UpdateRule = rule(conversationUpdate)
	c.Fields.Add(
		&core.RelationField{Name: s.FieldParticipants, CollectionId: "_pb_users_auth_", MaxSelect: s.MaxParticipants},
		&core.RelationField{Name: s.FieldAuthor, CollectionId: "_pb_users_auth_", MaxSelect: 1},
		&core.RelationField{Name: s.FieldOffer, CollectionId: offersID, MaxSelect: 1},
		&core.TextField{Name: s.FieldSubject, Max: 200, Presentable: true},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_conversations_offer", false, s.FieldOffer, "")
	return c
}

// buildMessages: immutable once written (no update rule); the author may delete their own.
func buildMessages(conversationsID string) *core.Collection {
	c := core.NewBaseCollection(s.Messages)
	c.ListRule = rule(ruleConversationParticipant)
	c.ViewRule = rule(ruleConversationParticipant)
	c.CreateRule = rule(messageCreate)
	c.DeleteRule = rule(ruleAuthor)
	c.Fields.Add(
		&core.RelationField{Name: s.FieldConversation, CollectionId: conversationsID, MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.RelationField{Name: s.FieldAuthor, CollectionId: "_pb_users_auth_", MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.TextField{Name: s.FieldText, Required: true, Max: s.MessageMaxLength},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_messages_conversation", false, s.FieldConversation+", "+s.FieldCreated, "")
	return c
}

// buildBlocks: only the person who blocks sees their blocks; unblocking deletes the row.
func buildBlocks() *core.Collection {
	c := core.NewBaseCollection(s.Blocks)
	c.ListRule = rule(ruleOwnBlock)
	c.ViewRule = rule(ruleOwnBlock)
	c.CreateRule = rule(blockCreate)
	c.DeleteRule = rule(ruleOwnBlock)
	c.Fields.Add(
		&core.RelationField{Name: s.FieldAuthor, CollectionId: "_pb_users_auth_", MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.RelationField{Name: s.FieldBlocked, CollectionId: "_pb_users_auth_", MaxSelect: 1, Required: true, CascadeDelete: true},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_blocks_pair", true, s.FieldAuthor+", "+s.FieldBlocked, "")
	c.AddIndex("idx_blocks_blocked", false, s.FieldBlocked, "")
	return c
}

// buildConversationReads: one row per person and conversation, theirs alone.
func buildConversationReads(conversationsID string) *core.Collection {
	c := core.NewBaseCollection(s.ConversationReads)
	c.ListRule = rule(ruleOwnRead)
	c.ViewRule = rule(ruleOwnRead)
	c.CreateRule = rule(readCreate)
	c.UpdateRule = rule(readUpdate)
	c.DeleteRule = rule(ruleOwnRead)
	c.Fields.Add(
		&core.RelationField{Name: s.FieldConversation, CollectionId: conversationsID, MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.RelationField{Name: s.FieldReadUser, CollectionId: "_pb_users_auth_", MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.DateField{Name: s.FieldLastRead},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_conversationReads_pair", true, s.FieldConversation+", "+s.FieldReadUser, "")
	return c
}
