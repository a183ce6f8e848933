// Package discussions holds the rules of comments, forums and news that API rules alone cannot
// hold: forum threads and organisations' posts are moderated like content (hooks.BindModeration),
// and a comment follows its target. A comment names its target by collection and recordId; it
// may be written only by someone who can read the target (checked against the target's own view
// rule), a reply to a reply is attached to the top comment (replies are one level deep), and
// the target's visibility, community, author, status and deleted flag are copied into each of
// its comments, and kept in step when the target changes, so that the comments' API rules
// (migrations/discussions.go) let read them exactly those who can read the target. Deleting a
// target deletes its comments.
//
//	discussions.Register(app)
package discussions

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/hooks"
	s "github.com/maillage/maillage/schema"
)

// Register binds the rules of threads, posts and comments to app.
func Register(app core.App) {
	hooks.BindModeration(app, s.Threads, s.Posts)
	hooks.BindStatusModeration(app, s.Comments)
	bindComments(app)
	bindTargets(app)
}
