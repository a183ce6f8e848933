package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// federationDeliveries: the federation's delivery queue, kept in the database so that a restart
// loses no pending delivery. No API rule: only superusers see it, in the dashboard.
func init() {
	m.Register(createFederationDeliveries, dropCollections(s.FederationDeliveries))
}

func createFederationDeliveries(app core.App) error {
	c := core.NewBaseCollection(s.FederationDeliveries)
	c.Fields.Add(
		&core.URLField{Name: s.DeliveryFields.Inbox, Required: true},
		&core.JSONField{Name: s.DeliveryFields.Activity, MaxSize: 1 << 20},
		&core.NumberField{Name: s.DeliveryFields.Attempts, OnlyInt: true},
		&core.DateField{Name: s.DeliveryFields.Due},
		&core.TextField{Name: s.DeliveryFields.Error, Max: 500},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_federationDeliveries_inbox", false, s.DeliveryFields.Inbox, "")
	c.AddIndex("idx_federationDeliveries_due", false, s.DeliveryFields.Due, "")
	return app.Save(c)
}
