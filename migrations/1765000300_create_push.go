package migrations

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// Web Push: pushSubscriptions (one per browser, owned by its user, read and deleted by that
// user alone; package push sets the owner on create and checks the endpoint) and
// notificationPreferences (what each person chose to receive, theirs alone). The VAPID keys
// live in _params (package push generates them at first start), never behind an API.
func init() {
	m.Register(createPush, dropPush)
}

// rulePushOwner: the record belongs to the requester.
const rulePushOwner = `(@request.auth.id != "" && user = @request.auth.id)`

func createPush(app core.App) error {
	if err := app.Save(buildPushSubscriptions()); err != nil {
		return err
	}
	prefs, err := buildNotificationPreferences(app)
	if err != nil {
		return err
	}
	return app.Save(prefs)
}

// buildPushSubscriptions: any signed-in user creates one (its user is then the requester,
// whatever the body says: package push); nobody changes one (a browser with new keys posts a
// new subscription, which replaces its old one).
func buildPushSubscriptions() *core.Collection {
	c := core.NewBaseCollection(s.PushSubscriptions)
	c.ListRule = rule(rulePushOwner)
	c.ViewRule = rule(rulePushOwner)
	c.CreateRule = rule(ruleSignedIn)
	c.DeleteRule = rule(rulePushOwner)
	c.Fields.Add(
		&core.RelationField{Name: s.FieldPushUser, CollectionId: "_pb_users_auth_", MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.TextField{Name: s.FieldPushEndpoint, Required: true, Max: 2000, Presentable: true},
		&core.JSONField{Name: s.FieldPushKeys, MaxSize: 1024},
		&core.NumberField{Name: s.FieldPushExpirationTime},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_pushSubscriptions_endpoint", true, s.FieldPushEndpoint, "")
	c.AddIndex("idx_pushSubscriptions_user", false, s.FieldPushUser, "")
	return c
}

// buildNotificationPreferences: one record per user, created, read, changed and deleted by
// that user alone; the user never changes.
func buildNotificationPreferences(app core.App) (*core.Collection, error) {
	categories, err := app.FindCollectionByNameOrId(s.Categories)
	if err != nil {
		return nil, err
	}
	c := core.NewBaseCollection(s.NotificationPreferences)
	c.ListRule = rule(rulePushOwner)
	c.ViewRule = rule(rulePushOwner)
	c.CreateRule = rule(rulePushOwner)
	c.UpdateRule = rule(rulePushOwner + ` && @request.body.user:changed = false`)
	c.DeleteRule = rule(rulePushOwner)
	minKm, maxKm := float64(s.NearRadiusMinKm), float64(s.NearRadiusMaxKm)
	c.Fields.Add(
		&core.RelationField{Name: s.FieldPrefUser, CollectionId: "_pb_users_auth_", MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.BoolField{Name: s.FieldPrefMessages},
		&core.BoolField{Name: s.FieldPrefReplies},
		&core.BoolField{Name: s.FieldPrefDecisions},
		&core.SelectField{Name: s.FieldPrefNear, Values: s.NearKinds, MaxSelect: len(s.NearKinds)},
		&core.GeoPointField{Name: s.FieldPrefNearPoint},
		&core.NumberField{Name: s.FieldPrefNearRadius, Min: &minKm, Max: &maxKm},
		&core.RelationField{Name: s.FieldPrefNearCategories, CollectionId: categories.Id, MaxSelect: 50},
		&core.BoolField{Name: s.FieldPrefNearConsent},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_notificationPreferences_user", true, s.FieldPrefUser, "")
	return c, nil
}

func dropPush(app core.App) error {
	for _, name := range []string{s.NotificationPreferences, s.PushSubscriptions} {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		if err := app.Delete(c); err != nil {
			return err
		}
	}
	_, err := app.DB().Delete("_params", dbx.HashExp{"id": s.PushVAPIDParam}).Execute()
	return err
}
