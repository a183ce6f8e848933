package i18n

// The reasons given for refused writes (hooks/refusals.go, hooks/moderation.go): each says what
// was refused and what to do instead. Field refusals are keyed by their error code.
func init() {
	add(map[string]Text{
		"sign_in_to_add": {
			FR: "Connectez-vous pour ajouter un contenu.",
			EN: "Sign in to add content.",
		},
		"sign_in_to_change": {
			FR: "Connectez-vous d'abord : seul·e l'auteur·ice ou un·e modérateur·ice peut modifier ou supprimer cette fiche.",
			EN: "Sign in first: only its author or a moderator can change or delete this record.",
		},
		"not_your_record": {
			FR: "Seul·e l'auteur·ice ou un·e modérateur·ice peut modifier ou supprimer cette fiche : proposez plutôt la modification à un·e modérateur·ice.",
			EN: "Only its author or a moderator can change or delete this record: suggest the change to a moderator instead.",
		},
		"not_your_account": {
			FR: "Seul·e le ou la titulaire du compte peut le modifier (les modérateur·ices gèrent les comptes des résident·es et des animateur·ices).",
			EN: "Only the account's owner can change it (moderators manage residents' and facilitators' accounts).",
		},
		"not_your_community": {
			FR: "Seul·e le ou la responsable de la communauté, ou un·e modérateur·ice, peut la modifier ou en gérer les membres.",
			EN: "Only the community's owner or a moderator can change it or manage its members.",
		},
		"author_not_you": {
			FR: "L'auteur·ice doit être vous-même (votre identifiant) : on ne publie pas au nom de quelqu'un d'autre.",
			EN: "The author must be you (your own user id): you cannot post in someone else's name.",
		},
		"author_locked": {
			FR: "L'auteur·ice d'une fiche ne change pas : retirez author de la demande.",
			EN: "A record keeps its author: leave author out of the request.",
		},
		"status_moderators_only": {
			FR: "Seul·e un·e modérateur·ice change le statut de modération (en attente, publié, refusé, archivé) : envoyez vos modifications sans status.",
			EN: "Only a moderator changes the moderation status (pending, published, rejected, archived): send your changes without status.",
		},
		"role_locked": {
			FR: "Vous ne pouvez pas donner ce rôle : personne ne change son propre rôle, un·e modérateur·ice fait d'un·e résident·e un·e animateur·ice (et inversement), seul·e un·e administrateur·ice nomme les modérateur·ices.",
			EN: "You cannot give this role: nobody changes their own role, a moderator makes residents facilitators (and back), only an administrator makes moderators.",
		},
		"role_on_signup": {
			FR: "Un nouveau compte est résident·e : retirez role de l'inscription ; un·e modérateur·ice pourra faire de vous un·e animateur·ice.",
			EN: "New accounts are residents: leave role out of the sign-up; a moderator can make you a facilitator.",
		},
		"author_not_member": {
			FR: "L'auteur·ice n'est pas membre de cette communauté : demandez à son ou sa responsable de l'y ajouter, ou laissez community vide.",
			EN: "The author is not a member of this community: ask its owner to add them, or leave community empty.",
		},
		"found_community_refused": {
			FR: "Seul·es les animateur·ices et les modérateur·ices fondent des communautés : demandez à un·e modérateur·ice.",
			EN: "Only facilitators and moderators found communities: ask a moderator.",
		},
		"owner_not_you": {
			FR: "Le ou la responsable d'une nouvelle communauté doit être vous-même (votre identifiant).",
			EN: "The owner of a new community must be you (your own user id).",
		},
		"add_member_refused": {
			FR: "Seul·e le ou la responsable de la communauté, ou un·e modérateur·ice, y ajoute des membres : demandez-lui de vous ajouter.",
			EN: "Only the community's owner or a moderator adds members: ask them to add you.",
		},
		"provenance_imports_only": {
			FR: "source et externalId disent de quel import vient une fiche : ils sont remplis par les imports, pas à la main ; retirez-les de la demande.",
			EN: "source and externalId name the import a record came from: imports fill them, not requests; leave them out.",
		},
		"geo_override_moderators_only": {
			FR: "Seul·e un·e modérateur·ice accepte un lieu hors du territoire : vérifiez la position sur la carte, ou demandez-lui de l'accepter.",
			EN: "Only a moderator accepts a location outside the territory: check the location on the map, or ask a moderator to accept it.",
		},
		"field_locked": {
			FR: "Vous ne pouvez pas changer ce champ.",
			EN: "You cannot change this field.",
		},
		"record_field_refused": {
			FR: "La fiche n'est pas enregistrée : le champ {field} est refusé (voir le champ).",
			EN: "The record was not saved: its {field} was refused (see the field).",
		},
		"record_fields_refused": {
			FR: "La fiche n'est pas modifiée : vous ne pouvez pas changer certains champs (voir chaque champ).",
			EN: "The record was not updated: you cannot change some of its fields (see each field).",
		},
		"batch_request_refused": {
			FR: "Requête {index} du lot : {message}",
			EN: "Batch request {index}: {message}",
		},
	})
}
