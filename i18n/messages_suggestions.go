package i18n

// Suggested edits (governance/suggestions).
func init() {
	add(map[string]Text{
		"suggestion_target_unreadable": {
			FR: "Cette suggestion porte sur une fiche introuvable ou que vous ne pouvez pas lire : ouvrez la fiche à nouveau, elle a peut-être été retirée.",
			EN: "This suggestion is about a record that cannot be found or that you cannot read: open the record again, it may have been removed.",
		},
		"suggestion_edit_directly": {
			FR: "Vous pouvez modifier cette fiche vous-même : enregistrez vos changements directement plutôt que de les suggérer.",
			EN: "You may change this record yourself: save your changes directly instead of suggesting them.",
		},
		"suggestion_field_refused": {
			FR: "Le champ « {field} » ne peut pas faire l'objet d'une suggestion : retirez-le.",
			EN: "The field \"{field}\" cannot be suggested: remove it.",
		},
		"suggestion_no_fields": {
			FR: "La suggestion ne propose aucun changement : modifiez au moins un champ.",
			EN: "The suggestion proposes no change: change at least one field.",
		},
		"suggestion_not_found": {
			FR: "Suggestion introuvable : elle a peut-être été retirée par son auteur.",
			EN: "Suggestion not found: its author may have withdrawn it.",
		},
		"suggestion_not_yours_to_decide": {
			FR: "Seuls l'auteur de la fiche et les modérateurs décident d'une suggestion.",
			EN: "Only the record's author and moderators decide on a suggestion.",
		},
		"suggestion_already_decided": {
			FR: "Cette suggestion a déjà été traitée : rechargez la page pour voir la décision.",
			EN: "This suggestion has already been decided: reload the page to see the decision.",
		},
		"suggestion_unknown_fields": {
			FR: "Vous ne pouvez accepter que les champs proposés par la suggestion.",
			EN: "You can only accept the fields the suggestion proposes.",
		},
		"suggestion_update_must_decide": {
			FR: "Une suggestion se modifie pour être décidée : donnez-lui le statut acceptée, partiellement acceptée ou refusée.",
			EN: "A suggestion is updated to decide it: give it the status accepted, partly accepted or declined.",
		},
		"suggestion_reason_required": {
			FR: "Dites pourquoi vous refusez la suggestion : la personne qui l'a faite verra votre raison.",
			EN: "Say why you decline the suggestion: the person who made it will see your reason.",
		},
	})
}
