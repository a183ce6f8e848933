package schema

// Federation's delivery queue and domain block list (package federation).

// FederationDeliveries holds the activities waiting to reach a follower's inbox, retried with
// backoff (no API rule: only superusers read it, in the dashboard).
const FederationDeliveries = "federationDeliveries"

// DeliveryFields names the fields of federationDeliveries: the inbox, the activity (JSON), how
// many attempts failed, when the next attempt is due, and the last failure.
var DeliveryFields = struct{ Inbox, Activity, Attempts, Due, Error string }{
	"inbox", "activity", "attempts", "due", "lastError",
}

// FederationBlocks is the domain block list: nothing is delivered to, fetched from or accepted
// from a listed domain or its subdomains (no API rule: superusers manage it in the dashboard).
const FederationBlocks = "federationBlocks"

// BlockFields names the fields of federationBlocks: the domain and why it is blocked.
var BlockFields = struct{ Domain, Reason string }{"domain", "reason"}

// FollowerSharedInbox is the follower's shared inbox (endpoints.sharedInbox of its actor, or
// its own inbox when it has none; empty until read): followers that share one get one delivery.
const FollowerSharedInbox = "sharedInbox"
