package i18n

// Messages of a person's own data (package account): the location consent, the deletion of an
// account and the README of the data export.
func init() {
	add(map[string]Text{
		"account_geo_consent": {
			FR: "Pour garder la position exacte de votre profil, cochez d'abord la case qui autorise Maillage à la conserver ; sans votre accord, aucune position n'est gardée.",
			EN: "To keep the exact location of your profile, first tick the box that lets Maillage keep it; without your consent no location is kept.",
		},
		"account_contributions_choice": {
			FR: "Dites ce que deviennent vos contributions publiques : contributions « delete » (supprimées) ou « anonymise » (gardées sans votre nom).",
			EN: "Say what becomes of your public contributions: contributions \"delete\" (deleted) or \"anonymise\" (kept without your name).",
		},
		"account_delete_failed": {
			FR: "Le compte n'a pas pu être supprimé ; rien n'a été effacé. Réessayez dans un moment.",
			EN: "The account could not be deleted; nothing was erased. Try again in a moment.",
		},
		"account_export_failed": {
			FR: "L'export de vos données a échoué. Réessayez dans un moment.",
			EN: "The export of your data failed. Try again in a moment.",
		},
		"account_export_readme": {
			FR: "Vos données dans Maillage (compte {id}), exportées le {date} (UTC).\n\n" +
				"Chaque fichier .json est un tableau JSON des enregistrements d'une collection qui vous concernent, " +
				"tels que l'application vous les montre : ceux que vous avez écrits (author, user, owner) et ceux qui vous nomment " +
				"(participants, members, reservedFor…). messages.json contient aussi les messages des autres participant·es " +
				"de vos conversations, tels que vous les avez lus ; les autres personnes n'y figurent que par leur identifiant. " +
				"Les enregistrements d'autres personnes qui vous nomment sans que vous puissiez les lire (un blocage) n'y sont pas.\n" +
				"users.json est votre profil (sans le mot de passe), _externalAuths.json vos connexions par d'autres services, " +
				"_syncDevices.json vos appareils synchronisés.\n" +
				"Le dossier files/<collection>/<identifiant>/ contient les fichiers (photos, avatar) de vos enregistrements.\n\n" +
				"Fichiers :",
			EN: "Your data in Maillage (account {id}), exported on {date} (UTC).\n\n" +
				"Each .json file is a JSON array of the records of one collection that concern you, " +
				"as the app shows them to you: those you wrote (author, user, owner) and those that name you " +
				"(participants, members, reservedFor…). messages.json also holds the other participants' messages " +
				"in your conversations, as you read them; other people appear only by their id. " +
				"Other people's records that name you but that you cannot read (a block) are left out.\n" +
				"users.json is your profile (without the password), _externalAuths.json your sign-ins through other services, " +
				"_syncDevices.json your synced devices.\n" +
				"The folder files/<collection>/<id>/ holds the files (photos, avatar) of your records.\n\n" +
				"Files:",
		},
		"account_export_profile": {
			FR: "users.json — votre profil",
			EN: "users.json — your profile",
		},
		"account_export_line": {
			FR: "{file} — {count} enregistrement(s) (champs : {fields})",
			EN: "{file} — {count} record(s) (fields: {fields})",
		},
	})
}
