package schema

// FederationFollowing holds the remote actors the territory follows (package federation): a
// moderator (or a superuser, in the dashboard) adds one, the server sends it a Follow, and its
// Accept or Reject sets the state. What a followed actor publishes is imported with a sources
// row of its own (FollowingFields.Source names it), and removed when the row is deleted.
const FederationFollowing = "federationFollowing"

// FollowingFields names the fields of federationFollowing: the actor as it was typed (its URL,
// or @name@host), its id and inbox once resolved, the id of the Follow sent, its state and when
// it was set, the sources row's name, and why it failed (French, for the dashboard).
var FollowingFields = struct {
	Target, Actor, Inbox, Follow, State, StateAt, Source, Message string
}{"target", "actor", "inbox", "follow", "state", "stateAt", "source", "message"}

// Follow states: sent and not answered yet, accepted, refused by the remote actor (or failed:
// not found, no inbox).
const (
	FollowPending  = "pending"
	FollowAccepted = "accepted"
	FollowRefused  = "refused"
)

// FederationSourcePrefix starts the name of the sources row of a followed actor
// ("fediverse:@name@host"): the records it names came from the fediverse, and the territory
// never publishes them again (they belong to their origin, and two territories following each
// other would echo them back and forth).
const FederationSourcePrefix = "fediverse:"
