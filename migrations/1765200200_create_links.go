package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// links: the network of cooperations between organisations, initiatives and communities
// (package network; rules in network.go).
func init() {
	m.Register(createLinks, dropCollections(s.Links))
}

func createLinks(app core.App) error {
	r, err := findRefs(app)
	if err != nil {
		return err
	}
	c := core.NewBaseCollection(s.Links)
	c.ListRule, c.ViewRule = rule(linksRead), rule(linksRead)
	c.CreateRule, c.UpdateRule, c.DeleteRule = rule(linksCreate), rule(linksUpdate), rule(linksDelete)
	c.Fields.Add(linkFields(r)...)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_links_from", false, s.FieldLinkFromCollection+", "+s.FieldLinkFromID, "")
	c.AddIndex("idx_links_to", false, s.FieldLinkToCollection+", "+s.FieldLinkToID, "")
	c.AddIndex("idx_links_unique", true, s.FieldLinkFromCollection+", "+s.FieldLinkFromID+", "+
		s.FieldLinkToCollection+", "+s.FieldLinkToID+", "+s.FieldLinkType, "")
	return app.Save(c)
}

func linkFields(r refs) []core.Field {
	return []core.Field{
		&core.SelectField{Name: s.FieldLinkFromCollection, Required: true, MaxSelect: 1, Values: s.LinkNodes},
		&core.TextField{Name: s.FieldLinkFromID, Required: true, Max: 15},
		&core.SelectField{Name: s.FieldLinkToCollection, Required: true, MaxSelect: 1, Values: s.LinkNodes},
		&core.TextField{Name: s.FieldLinkToID, Required: true, Max: 15},
		&core.SelectField{Name: s.FieldLinkType, Required: true, MaxSelect: 1, Values: s.LinkTypes},
		&core.BoolField{Name: s.FieldLinkDirected},
		&core.DateField{Name: s.FieldLinkStart},
		&core.TextField{Name: s.FieldLinkDescription, Max: 1000},
		&core.SelectField{Name: s.FieldVisibility, Required: true, MaxSelect: 1,
			Values: []string{s.VisibilityPublic, s.VisibilityCommunity, s.VisibilityPrivate}},
		&core.RelationField{Name: s.FieldCommunity, CollectionId: r.communities, MaxSelect: 1},
		&core.RelationField{Name: s.FieldAuthor, CollectionId: "_pb_users_auth_", MaxSelect: 1},
		&core.SelectField{Name: s.FieldStatus, Required: true, MaxSelect: 1, Values: s.LinkStatuses},
		&core.RelationField{Name: s.FieldLinkFromEditors, CollectionId: "_pb_users_auth_", MaxSelect: 400},
		&core.RelationField{Name: s.FieldLinkToEditors, CollectionId: "_pb_users_auth_", MaxSelect: 400},
		&core.BoolField{Name: s.FieldLinkNodesPublic},
	}
}
