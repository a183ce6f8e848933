package schema

// Conversations: private talk between a few people (one-to-one or a small group), its
// messages, the blocks people set against others, and where each person has read to.
const (
	Conversations     = "conversations"
	Messages          = "messages"
	Blocks            = "blocks"
	ConversationReads = "conversationReads"
)

// conversations fields (author is FieldAuthor: who opened it, the only one who may add people).
const (
	FieldParticipants = "participants"
	FieldOffer        = "offer"
	FieldSubject      = "subject"
)

// messages fields (author is FieldAuthor; created and updated are the common constants).
const (
	FieldConversation = "conversation"
	FieldText         = "text"
)

// blocks fields: author blocks blocked, who may no longer write to them.
const FieldBlocked = "blocked"

// conversationReads fields: user read conversation up to lastRead, the `created` of the newest
// message they had seen (a server time, so that a device's clock does not matter).
const (
	FieldReadUser = "user"
	FieldLastRead = "lastRead"
)

// Bounds of a conversation's participants when it is opened; people may leave afterwards.
const (
	MinParticipants = 2
	MaxParticipants = 20
)

// MessageMaxLength bounds a message's text, in characters.
const MessageMaxLength = 5000
