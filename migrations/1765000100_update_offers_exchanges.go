package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// Exchanges: an offer's state gains withdrawn (by its author) and expired (by the cron job of
// community/exchanges, past expires), and reservedFor names the person it is reserved for.
func init() {
	m.Register(updateOffersExchanges, revertOffersExchanges)
}

func updateOffersExchanges(app core.App) error {
	offers, err := app.FindCollectionByNameOrId(s.Offers)
	if err != nil {
		return err
	}
	offers.Fields.Add(
		&core.SelectField{Name: s.OfferFields.State, Values: s.OfferStates, MaxSelect: 1},
		&core.RelationField{Name: s.FieldReservedFor, CollectionId: "_pb_users_auth_", MaxSelect: 1},
	)
	offers.AddIndex("idx_offers_state_expires", false, s.OfferFields.State+", "+s.OfferFields.Expires, "")
	return app.Save(offers)
}

func revertOffersExchanges(app core.App) error {
	offers, err := app.FindCollectionByNameOrId(s.Offers)
	if err != nil {
		return err
	}
	offers.RemoveIndex("idx_offers_state_expires")
	offers.Fields.RemoveByName(s.FieldReservedFor)
	offers.Fields.Add(&core.SelectField{Name: s.OfferFields.State, MaxSelect: 1,
		Values: []string{s.OfferOpen, s.OfferReserved, s.OfferDone}})
	return app.Save(offers)
}
