package hooks

import (
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// The reasons given for refused writes, French first then English, like every message users
// read: each says what was refused and what to do instead.
const (
	msgSignInToAdd    = "Connectez-vous pour ajouter un contenu. / Sign in to add content."
	msgSignInToChange = "Connectez-vous d'abord : seul·e l'auteur·ice ou un·e modérateur·ice peut modifier ou " +
		"supprimer cette fiche. / Sign in first: only its author or a moderator can change or delete this record."
	msgNotYourRecord = "Seul·e l'auteur·ice ou un·e modérateur·ice peut modifier ou supprimer cette fiche : " +
		"proposez plutôt la modification à un·e modérateur·ice. / Only its author or a moderator can change or " +
		"delete this record: suggest the change to a moderator instead."
	msgNotYourAccount = "Seul·e le ou la titulaire du compte peut le modifier (les modérateur·ices gèrent les " +
		"comptes des résident·es et des animateur·ices). / Only the account's owner can change it (moderators " +
		"manage residents' and facilitators' accounts)."
	msgNotYourCommunity = "Seul·e le ou la responsable de la communauté, ou un·e modérateur·ice, peut la modifier " +
		"ou en gérer les membres. / Only the community's owner or a moderator can change it or manage its members."
	msgAuthorNotYou = "L'auteur·ice doit être vous-même (votre identifiant) : on ne publie pas au nom de quelqu'un " +
		"d'autre. / The author must be you (your own user id): you cannot post in someone else's name."
	msgAuthorLocked = "L'auteur·ice d'une fiche ne change pas : retirez author de la demande. / A record keeps " +
		"its author: leave author out of the request."
	msgStatusModerators = "Seul·e un·e modérateur·ice change le statut de modération (en attente, publié, refusé, " +
		"archivé) : envoyez vos modifications sans status. / Only a moderator changes the moderation status " +
		"(pending, published, rejected, archived): send your changes without status."
	msgRoleLocked = "Vous ne pouvez pas donner ce rôle : personne ne change son propre rôle, un·e modérateur·ice " +
		"fait d'un·e résident·e un·e animateur·ice (et inversement), seul·e un·e administrateur·ice nomme les " +
		"modérateur·ices. / You cannot give this role: nobody changes their own role, a moderator makes residents " +
		"facilitators (and back), only an administrator makes moderators."
	msgRoleOnSignUp = "Un nouveau compte est résident·e : retirez role de l'inscription ; un·e modérateur·ice " +
		"pourra faire de vous un·e animateur·ice. / New accounts are residents: leave role out of the sign-up; " +
		"a moderator can make you a facilitator."
	msgNotMember = "L'auteur·ice n'est pas membre de cette communauté : demandez à son ou sa responsable de l'y " +
		"ajouter, ou laissez community vide. / The author is not a member of this community: ask its owner to " +
		"add them, or leave community empty."
	msgFoundCommunity = "Seul·es les animateur·ices et les modérateur·ices fondent des communautés : demandez à " +
		"un·e modérateur·ice. / Only facilitators and moderators found communities: ask a moderator."
	msgOwnerNotYou = "Le ou la responsable d'une nouvelle communauté doit être vous-même (votre identifiant). / " +
		"The owner of a new community must be you (your own user id)."
	msgAddMember = "Seul·e le ou la responsable de la communauté, ou un·e modérateur·ice, y ajoute des membres : " +
		"demandez-lui de vous ajouter. / Only the community's owner or a moderator adds members: ask them to add you."
	msgProvenance = "source et externalId disent de quel import vient une fiche : ils sont remplis par les " +
		"imports, pas à la main ; retirez-les de la demande. / source and externalId name the import a record " +
		"came from: imports fill them, not requests; leave them out."
	msgGeoOverride = "Seul·e un·e modérateur·ice accepte un lieu hors du territoire : vérifiez la position sur " +
		"la carte, ou demandez-lui de l'accepter. / Only a moderator accepts a location outside the territory: " +
		"check the location on the map, or ask a moderator to accept it."
	msgFieldLocked = "Vous ne pouvez pas changer ce champ. / You cannot change this field."
)

// codeNotMember is the error code of content placed in a community its author is not in.
const codeNotMember = "author_not_member"

// fieldError is the error shown next to a field the update rule refuses.
func fieldError(field string) validation.Error {
	switch field {
	case s.FieldAuthor:
		return validation.NewError("author_locked", msgAuthorLocked)
	case s.FieldStatus:
		return validation.NewError("status_moderators_only", msgStatusModerators)
	case s.FieldRole:
		return validation.NewError("role_locked", msgRoleLocked)
	case s.FieldSource, s.FieldExternalID:
		return validation.NewError("provenance_imports_only", msgProvenance)
	case s.FieldGeoOverride:
		return validation.NewError("geo_override_moderators_only", msgGeoOverride)
	}
	return validation.NewError("field_locked", msgFieldLocked)
}

// notYours says why a visible record of c cannot be changed by auth.
func notYours(c *core.Collection, auth *core.Record) string {
	switch {
	case auth == nil:
		return msgSignInToChange
	case c.Name == s.Users:
		return msgNotYourAccount
	case c.Name == s.Communities || c.Name == s.Memberships:
		return msgNotYourCommunity
	}
	return msgNotYourRecord
}
