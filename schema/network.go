package schema

// Links is the collection of the network of cooperations (package network): a link between two
// nodes (organisations, initiatives, communities), proposed by one side and confirmed by the
// other.
const Links = "links"

// Fields of a link. Its visibility, community and author are the common constants; its status
// is FieldStatus with the values LinkProposed, LinkConfirmed and LinkDeclined (not the
// moderation statuses of content).
const (
	FieldLinkFromCollection = "fromCollection"
	FieldLinkFromID         = "fromId"
	FieldLinkToCollection   = "toCollection"
	FieldLinkToID           = "toId"
	FieldLinkType           = "type"
	FieldLinkDirected       = "directed"
	FieldLinkStart          = "start"
	FieldLinkDescription    = "description"

	// FieldLinkFromEditors and FieldLinkToEditors copy who may edit each node (its author,
	// an organisation's members, the members of an initiative's organisation, a community's
	// owner and coordinators); FieldLinkNodesPublic tells whether both nodes are published,
	// not deleted and public. The network package keeps them in step with the nodes, so that
	// the links' API rules can read them.
	FieldLinkFromEditors = "fromEditors"
	FieldLinkToEditors   = "toEditors"
	FieldLinkNodesPublic = "nodesPublic"
)

// Statuses of a link.
const (
	LinkProposed  = "proposed"
	LinkConfirmed = "confirmed"
	LinkDeclined  = "declined"
)

// LinkStatuses lists the statuses of a link.
var LinkStatuses = []string{LinkProposed, LinkConfirmed, LinkDeclined}

// LinkTypes lists the kinds of cooperation a link records.
var LinkTypes = []string{"partnership", "membership", "funding", "sharedPlace", "supply", "other"}

// LinkNodes lists the collections a link may join.
var LinkNodes = []string{Organisations, Initiatives, Communities}

// IsLinkNode reports whether collection may be one end of a link.
func IsLinkNode(collection string) bool {
	for _, c := range LinkNodes {
		if c == collection {
			return true
		}
	}
	return false
}
