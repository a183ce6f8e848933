package i18n

// The offline sync's messages (mobile_sync): what a push result and a syncConflicts row say to
// the person who made the change, and the sync routes' refusals.
func init() {
	add(syncConflictMessages)
	add(syncRejectionMessages)
	add(syncRouteMessages)
}

// syncConflictMessages are stored with a conflict, for the person whose value lost.
var syncConflictMessages = map[string]Text{
	"sync_field_lost": {
		FR: "Quelqu'un d'autre a changé ce champ entre-temps : sa valeur est gardée et la vôtre est conservée ici. Appliquez-la de nouveau si elle doit l'emporter.",
		EN: "Someone else changed this field in the meantime; their value was kept and yours is saved here. Re-apply it if it should win.",
	},
	"sync_overridden": {
		FR: "Les règles du serveur ont donné une autre valeur à ce champ ; la valeur que vous avez envoyée est conservée ici.",
		EN: "The server's rules set this field to another value; the value you sent is saved here.",
	},
	"sync_update_on_deleted": {
		FR: "Cette fiche a été supprimée avant que votre modification n'arrive ; vos valeurs sont conservées ici.",
		EN: "This record was deleted before your change arrived; your values are saved here.",
	},
	"sync_delete_on_changed": {
		FR: "Cette fiche a changé après que vous l'avez supprimée : elle a été masquée (supprimée en douceur) plutôt qu'effacée, pour que ces changements puissent être récupérés.",
		EN: "This record changed after you deleted it: it was hidden (soft-deleted) instead, so the changes can be recovered.",
	},
	"sync_delete_kept": {
		FR: "Cette fiche a changé après que vous l'avez supprimée, elle a donc été gardée ; supprimez-la de nouveau si elle doit disparaître.",
		EN: "This record changed after you deleted it, so it was kept; delete it again if it should go.",
	},
}

// syncRejectionMessages say why a pushed mutation was rejected, as a whole and by field.
var syncRejectionMessages = map[string]Text{
	"sync_invalid_values": {
		FR: "Certaines valeurs ne sont pas valides : corrigez les champs indiqués et enregistrez de nouveau.",
		EN: "Some values are invalid: correct the fields shown and save again.",
	},
	"sync_refused": {
		FR: "Le serveur a refusé cette modification : {reason}",
		EN: "The server refused this change: {reason}",
	},
	"sync_unknown_collection": {
		FR: "Collection inconnue « {collection} » : envoyez seulement les collections synchronisées (GET /api/sync/info les liste).",
		EN: "Unknown collection \"{collection}\": push only to the synced collections (GET /api/sync/info lists them).",
	},
	"sync_missing_collection": {
		FR: "La collection « {collection} » n'existe pas sur ce serveur.",
		EN: "Collection \"{collection}\" does not exist on this server.",
	},
	"sync_bad_id": {
		FR: "L'identifiant « {id} » n'est pas valide : un identifiant compte 15 caractères a-z et 0-9.",
		EN: "Record id \"{id}\" is invalid: ids are 15 characters a-z and 0-9.",
	},
	"sync_bad_op": {
		FR: "L'opération « {op} » n'est pas valide : utilisez create, update ou delete.",
		EN: "Op \"{op}\" is invalid: use create, update or delete.",
	},
	"sync_fields_refused": {
		FR: "Certains champs ne peuvent pas être écrits : retirez-les de la modification.",
		EN: "Some fields cannot be written: remove them from the change.",
	},
	"sync_unknown_field": {
		FR: "Champ inconnu.",
		EN: "Unknown field.",
	},
	"sync_server_field": {
		FR: "Ce champ est tenu par le serveur et ne peut pas être envoyé.",
		EN: "This field is managed by the server and cannot be pushed.",
	},
	"sync_create_refused": {
		FR: "Vous ne pouvez pas créer cette fiche de {collection} : vérifiez son auteur·ice, sa communauté et ses champs.",
		EN: "You may not create this {collection} record: check its author, community and fields.",
	},
	"sync_change_refused": {
		FR: "Vous ne pouvez pas faire cette modification sur cette fiche de {collection} (un·e modérateur·ice le peut peut-être).",
		EN: "You may not make this change to this {collection} record (a moderator may have to).",
	},
	"sync_not_yours": {
		FR: "Vous ne pouvez pas modifier cette fiche de {collection} : elle n'est pas à vous ou ne vous est pas visible.",
		EN: "You may not change this {collection} record: it is not yours or not visible to you.",
	},
	"sync_delete_refused": {
		FR: "Vous ne pouvez pas supprimer cette fiche de {collection}.",
		EN: "You may not delete this {collection} record.",
	},
	"sync_bad_json": {
		FR: "Une valeur n'est pas du JSON valide.",
		EN: "A value is not valid JSON.",
	},
	"sync_field_bad_json": {
		FR: "Cette valeur n'est pas du JSON valide.",
		EN: "This value is not valid JSON.",
	},
	"sync_wrong_type": {
		FR: "Une valeur n'a pas le bon type.",
		EN: "A value has the wrong type.",
	},
	"sync_field_wrong_type": {
		FR: "Cette valeur n'a pas le type que le champ attend.",
		EN: "This value is not of the type the field expects.",
	},
	"sync_photo_missing": {
		FR: "Une photo n'est pas encore envoyée.",
		EN: "A photo is not uploaded yet.",
	},
	"sync_field_photo_missing": {
		FR: "La photo {id} manque : envoyez-la avec PUT /api/sync/media/{id}, puis renvoyez la modification.",
		EN: "Photo {id} is missing: upload it with PUT /api/sync/media/{id}, then push again.",
	},
}

// syncRouteMessages are the sync routes' refusals of a whole request.
var syncRouteMessages = map[string]Text{
	"sync_push_too_large": {
		FR: "L'envoi dépasse {maxMB} Mo : envoyez moins de modifications par requête.",
		EN: "The push is larger than {maxMB} MB: send fewer mutations per request.",
	},
	"sync_push_unreadable": {
		FR: "L'envoi n'a pas pu être lu : envoyez-le de nouveau.",
		EN: "The push could not be read: send it again.",
	},
	"sync_push_bad_json": {
		FR: "L'envoi n'est pas du JSON de la forme {clientId, mutations:[…]} ({detail}).",
		EN: "The push is not valid JSON of the form {clientId, mutations:[…]} ({detail}).",
	},
	"sync_push_trailing": {
		FR: "L'envoi contient des données après son objet JSON : envoyez exactement un objet.",
		EN: "The push has data after its JSON object: send exactly one object.",
	},
	"sync_push_bad_client": {
		FR: "clientId doit compter 15 caractères a-z et 0-9, tiré une fois par appareil.",
		EN: "clientId must be 15 characters a-z and 0-9, generated once per device.",
	},
	"sync_push_too_many": {
		FR: "L'envoi compte {count} modifications ; envoyez-en au plus {max} par requête.",
		EN: "The push has {count} mutations; send at most {max} per request.",
	},
	"sync_push_mseq_start": {
		FR: "La modification {index} a le mseq {mseq} : mseq commence à 1.",
		EN: "Mutation {index} has mseq {mseq}: mseq starts at 1.",
	},
	"sync_push_mseq_jump": {
		FR: "Le mseq {mseq} suit {previous} : mseq doit augmenter de un, sans trou.",
		EN: "Mutation mseq {mseq} follows {previous}: mseq must increase by one, without gaps.",
	},
	"sync_push_mseq_gap": {
		FR: "Le mseq {mseq} laisse un trou : la dernière modification de ce client connue du serveur est {last} ; renvoyez à partir du mseq {next}.",
		EN: "Mseq {mseq} leaves a gap: the server's last mutation for this client is {last}; push from mseq {next}.",
	},
	"sync_foreign_client": {
		FR: "Ce clientId appartient à un autre compte : tirez un nouvel identifiant de client sur cet appareil et renvoyez.",
		EN: "This clientId belongs to another account: generate a new client id on this device and push again.",
	},
	"sync_busy": {
		FR: "Le serveur est occupé (une sauvegarde est peut-être en cours) : les résultats couvrent les modifications appliquées jusqu'ici ; renvoyez le reste après Retry-After secondes.",
		EN: "The server is busy (a backup may be running): the results cover the mutations applied so far; push the rest again after Retry-After seconds.",
	},
	"sync_auth_busy": {
		FR: "Le serveur est trop occupé pour vérifier votre connexion : réessayez après Retry-After secondes.",
		EN: "The server is too busy to check your sign-in: try again after Retry-After seconds.",
	},
	"sync_auth_invalid": {
		FR: "Le jeton de connexion n'est pas valide ou a expiré : reconnectez-vous, ou n'envoyez pas de jeton pour ne synchroniser que les données publiques.",
		EN: "The auth token is invalid or expired: sign in again, or send no token to sync public data only.",
	},
	"sync_info_failed": {
		FR: "Les informations de synchronisation ne sont pas disponibles : réessayez.",
		EN: "Sync info is unavailable: try again.",
	},
	"sync_pull_bad_json": {
		FR: "Le corps de la demande n'est pas du JSON valide : envoyez {clientId, cursor, limit, collections}.",
		EN: "The pull body is not valid JSON: send {clientId, cursor, limit, collections}.",
	},
	"sync_not_synced": {
		FR: "La collection « {collection} » n'est pas synchronisée : GET /api/sync/info liste les collections synchronisées.",
		EN: "Collection \"{collection}\" is not synced: GET /api/sync/info lists the synced collections.",
	},
	"sync_bad_cursor": {
		FR: "Ce curseur ne vient pas de ce serveur : demandez de nouveau avec un curseur vide.",
		EN: "The cursor is not one this server made: pull again with an empty cursor.",
	},
	"sync_pull_failed": {
		FR: "La récupération des changements a échoué : réessayez.",
		EN: "The pull failed: try again.",
	},
	"sync_snapshot_bad_json": {
		FR: "Le corps de la demande n'est pas du JSON valide : envoyez {clientId, collection, snapshotSeq, afterId, limit}.",
		EN: "The snapshot body is not valid JSON: send {clientId, collection, snapshotSeq, afterId, limit}.",
	},
	"sync_snapshot_missing": {
		FR: "La collection « {collection} » n'existe pas encore sur ce serveur : passez-la.",
		EN: "Collection \"{collection}\" does not exist on this server yet: skip it.",
	},
	"sync_snapshot_stale": {
		FR: "Ce snapshotSeq ne vient pas de cette base : recommencez l'instantané avec snapshotSeq 0.",
		EN: "snapshotSeq is not from this database: start the snapshot again with snapshotSeq 0.",
	},
	"sync_snapshot_failed": {
		FR: "L'instantané a échoué : réessayez.",
		EN: "The snapshot failed: try again.",
	},
	"sync_poke_sign_in": {
		FR: "Connectez-vous pour vous abonner au sujet sync ; les clients anonymes demandent les changements à intervalles réguliers.",
		EN: "Sign in to subscribe to the sync topic; anonymous clients pull on a timer.",
	},
	"sync_media_bad_id": {
		FR: "L'identifiant de la photo n'est pas valide : utilisez 15 caractères a-z et 0-9.",
		EN: "The media id is invalid: use 15 characters a-z and 0-9.",
	},
	"sync_media_no_sha": {
		FR: "Envoyez le SHA-256 hexadécimal de la photo dans l'en-tête {header}.",
		EN: "Send the photo's hex SHA-256 in the {header} header.",
	},
	"sync_media_too_large": {
		FR: "La photo dépasse {maxMB} Mo : réduisez-la sur l'appareil et envoyez-la de nouveau.",
		EN: "The photo is larger than {maxMB} MB: resize it on the device and upload it again.",
	},
	"sync_media_unreadable": {
		FR: "La photo n'a pas pu être lue : envoyez-la de nouveau.",
		EN: "The photo could not be read: upload it again.",
	},
	"sync_media_sha_mismatch": {
		FR: "Le SHA-256 de la photo ne correspond pas à l'en-tête {header} : elle a été abîmée en route, envoyez-la de nouveau.",
		EN: "The photo's SHA-256 does not match the {header} header: it was damaged on the way, upload it again.",
	},
	"sync_media_refused": {
		FR: "La photo est refusée : envoyez une image JPEG, PNG ou WebP.",
		EN: "The photo was refused: send a JPEG, PNG or WebP image.",
	},
	"sync_media_taken": {
		FR: "Cet identifiant de photo porte déjà une autre photo : tirez un nouvel identifiant pour celle-ci.",
		EN: "This media id already holds another photo: generate a new id for this photo.",
	},
}
