// Package conversations holds the model rules of private conversations (collections
// conversations, messages, blocks and conversationReads, created by migrations/1765000000): what
// the API rules cannot say, bound to model events so that it holds for REST, batch, dashboard
// and sync push alike.
//
//   - A conversation opens with its author among 2 to 20 distinct people.
//
//   - A change of participants either adds people or removes exactly one (the API rules let only
//     the author add, and anyone else only leave); a conversation everybody left is deleted.
//
//   - A change of participants re-logs the conversation's messages in the sync change log, so
//     that a person who left gets them removed at their next pull, and a person added gets them.
//
//   - A person blocked by a participant can neither write in the conversation nor open or be
//     added to one with the person who blocked them (i18n code conversations.blocked).
//
// Usage:
//
//	conversations.Register(app)
package conversations

import (
	"github.com/pocketbase/pocketbase/core"
)

// Register binds the conversation rules on app.
func Register(app core.App) {
	bindConversations(app)
	bindMessages(app)
	bindBlocks(app)
}
