package schema

// Federation (package federation): the territory's ActivityPub actor.
const (
	// FederationKeyParam is the id of the _params row holding the actor's RSA key pair (PEM),
	// which signs what the territory sends and whose public half its actor document shows.
	FederationKeyParam = "maillage_federation_key"
	// FederationActor is the territory actor's name: acct:territory@HOST in WebFinger.
	FederationActor = "territory"
)
