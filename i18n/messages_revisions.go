package i18n

// Messages of the revision history (governance/revisions): why a revert was refused.
func init() {
	add(map[string]Text{
		"revisions_revert_forbidden": {
			FR: "Seuls les modérateurs et modératrices peuvent rétablir une version précédente.",
			EN: "Only moderators can restore an earlier version.",
		},
		"revisions_revert_body": {
			FR: "La demande n'est pas lisible : envoyez rien, ou {\"field\": \"nom du champ\"}.",
			EN: "The request cannot be read: send nothing, or {\"field\": \"field name\"}.",
		},
		"revisions_not_found": {
			FR: "Cette version n'existe pas ou vous ne pouvez pas la voir.",
			EN: "This version does not exist or you cannot see it.",
		},
		"revisions_revert_create": {
			FR: "Une création ne se rétablit pas : supprimez la fiche si elle ne doit pas exister.",
			EN: "A creation cannot be reverted: delete the record if it should not exist.",
		},
		"revisions_record_gone": {
			FR: "La fiche de cette version n'existe plus.",
			EN: "The record of this version no longer exists.",
		},
		"revisions_revert_field": {
			FR: "Le champ {field} n'a pas changé dans cette version.",
			EN: "The field {field} did not change in this version.",
		},
		"revisions_revert_invalid": {
			FR: "La fiche ne peut pas reprendre ces valeurs : elles ne sont plus acceptées.",
			EN: "The record cannot take these values back: they are no longer accepted.",
		},
	})
}
