package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// auditLog: every moderator or community decision (governance/moderation writes it through
// moderation.Audit). Append-only: no create, update or delete rule, so only the server writes
// it; moderators read it.
func init() {
	m.Register(createAuditLog, dropCollections(s.AuditLog))
}

func createAuditLog(app core.App) error {
	c := core.NewBaseCollection(s.AuditLog)
	c.ListRule = rule(ruleModerator)
	c.ViewRule = rule(ruleModerator)
	c.Fields.Add(
		&core.TextField{Name: s.FieldAuditAction, Required: true, Max: 60, Presentable: true},
		&core.TextField{Name: s.FieldTargetCollection, Max: 60},
		&core.TextField{Name: s.FieldTargetRecordID, Max: 15},
		&core.RelationField{Name: s.FieldAuditActor, CollectionId: "_pb_users_auth_", MaxSelect: 1},
		&core.SelectField{Name: s.FieldAuditActorKind, Required: true, Values: s.ActorKinds, MaxSelect: 1},
		&core.TextField{Name: s.FieldReason, Max: 2000},
		&core.JSONField{Name: s.FieldAuditDetails, MaxSize: 64 << 10},
		&core.AutodateField{Name: s.FieldCreated, OnCreate: true},
	)
	c.AddIndex("idx_auditLog_target", false, s.FieldTargetCollection+", "+s.FieldTargetRecordID, "")
	c.AddIndex("idx_auditLog_created", false, s.FieldCreated, "")
	return app.Save(c)
}
