package schema

// Federation (package federation): the territory's ActivityPub actor.
const (
	// FederationKeyParam is the id of the _params row holding the actor's RSA key pair (PEM),
	// which signs what the territory sends and whose public half its actor document shows.
	FederationKeyParam = "maillage_federation_key"
	// FederationActor is the territory actor's name: acct:territory@HOST in WebFinger.
	FederationActor = "territory"
)

// FederationFollowers holds the remote actors that follow the territory (no API rule: only
// superusers read it, in the dashboard).
const FederationFollowers = "federationFollowers"

// FollowerFields names the fields of federationFollowers: the follower's actor id, its inbox,
// and the id of its Follow activity.
var FollowerFields = struct{ Actor, Inbox, Follow string }{"actor", "inbox", "follow"}

// FollowerFollowed is the field of federationFollowers naming what the follower follows: empty
// for the territory, else the id of a public organisation (its actor).
const FollowerFollowed = "followed"
