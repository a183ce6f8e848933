package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// federationBlocks: the domains the territory does not federate with (a domain blocks its
// subdomains too). No API rule: superusers manage the list in the dashboard.
func init() {
	m.Register(createFederationBlocks, dropCollections(s.FederationBlocks))
}

func createFederationBlocks(app core.App) error {
	c := core.NewBaseCollection(s.FederationBlocks)
	c.Fields.Add(
		&core.TextField{Name: s.BlockFields.Domain, Required: true, Max: 253,
			Pattern: `^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?$`},
		&core.TextField{Name: s.BlockFields.Reason, Max: 500},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_federationBlocks_domain", true, s.BlockFields.Domain, "")
	return app.Save(c)
}
