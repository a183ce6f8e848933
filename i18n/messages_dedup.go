package i18n

// Messages of duplicate merging (interop/dedup): why a merge, a dismissal or a redirect was
// refused.
func init() {
	add(map[string]Text{
		"dedup_sign_in": {
			FR: "Connectez-vous avec un compte de modérateur·ice pour traiter les doublons.",
			EN: "Sign in with a moderator account to handle duplicates.",
		},
		"dedup_moderators_only": {
			FR: "Seul·es les modérateur·ices fusionnent ou écartent les doublons : signalez-le plutôt à un·e modérateur·ice.",
			EN: "Only moderators merge or dismiss duplicates: report it to a moderator instead.",
		},
		"dedup_pair_not_found": {
			FR: "Ce doublon n'existe pas (ou plus) : rechargez la liste des doublons.",
			EN: "This duplicate does not exist (any more): reload the list of duplicates.",
		},
		"dedup_already_decided": {
			FR: "Ce doublon a déjà été traité (statut : {status}) : rechargez la liste des doublons.",
			EN: "This duplicate has already been handled (status: {status}): reload the list of duplicates.",
		},
		"dedup_keep_not_in_pair": {
			FR: "La fiche à garder (keep) doit être l'une des deux fiches du doublon : {a} ou {b}.",
			EN: "The record to keep (keep) must be one of the pair's two records: {a} or {b}.",
		},
		"dedup_choice_not_in_pair": {
			FR: "Pour {field}, choisissez la valeur de l'une des deux fiches du doublon ({a} ou {b}), ou donnez-la dans values.",
			EN: "For {field}, choose the value of one of the pair's two records ({a} or {b}), or give it in values.",
		},
		"dedup_field_not_mergeable": {
			FR: "Le champ {field} ne se fusionne pas (il n'existe pas, ou il est géré par Maillage, ou ce sont des fichiers) : retirez-le de la demande.",
			EN: "The field {field} cannot be merged (it does not exist, Maillage manages it, or it holds files): leave it out of the request.",
		},
		"dedup_field_twice": {
			FR: "Le champ {field} est à la fois dans fields et dans values : gardez l'un des deux.",
			EN: "The field {field} is in both fields and values: keep one of them.",
		},
		"dedup_record_gone": {
			FR: "L'une des deux fiches a été supprimée ou déjà fusionnée depuis : ce doublon ne peut plus être fusionné, écartez-le.",
			EN: "One of the two records has been deleted or merged since: this pair can no longer be merged, dismiss it.",
		},
		"dedup_record_hidden": {
			FR: "Vous ne pouvez pas modifier l'une des deux fiches (elle est privée) : ce doublon ne peut pas être fusionné.",
			EN: "You cannot change one of the two records (it is private): this pair cannot be merged.",
		},
		"dedup_merge_invalid": {
			FR: "La fiche fusionnée serait invalide : corrigez les valeurs indiquées, rien n'a été modifié.",
			EN: "The merged record would be invalid: correct the values shown, nothing was changed.",
		},
		"dedup_body_invalid": {
			FR: "Demande illisible : envoyez un objet JSON {\"keep\": \"<id>\", \"fields\": {\"description\": \"<id>\"}, \"values\": {\"name\": \"…\"}}.",
			EN: "Unreadable request: send a JSON object {\"keep\": \"<id>\", \"fields\": {\"description\": \"<id>\"}, \"values\": {\"name\": \"…\"}}.",
		},
		"dedup_no_redirect": {
			FR: "Cette fiche n'a pas été fusionnée dans une autre que vous pouvez voir : elle a peut-être été supprimée.",
			EN: "This record was not merged into another one you can see: it may have been deleted.",
		},
	})
}
