package i18n

// Messages of scheduled sources (interop/sources): field errors on a source, and the reasons a
// run failed as a whole.
func init() {
	add(map[string]Text{
		"source_url_or_file": {
			FR: "Donnez l'adresse des données (url) ou déposez un fichier : une source a besoin de l'un des deux.",
			EN: "Give the data's address (url) or upload a file: a source needs one of them.",
		},
		"source_url_scheme": {
			FR: "Seules les adresses http:// et https:// sont lues : corrigez l'adresse de la source.",
			EN: "Only http:// and https:// addresses are read: correct the source's address.",
		},
		"source_schedule_invalid": {
			FR: "Planification illisible ({reason}) : écrivez une expression cron à cinq champs en heure UTC, par exemple « 0 3 * * * » (chaque nuit à 3 h), ou @daily ; laissez vide pour ne lancer la source qu'à la main.",
			EN: "Unreadable schedule ({reason}): write a five-field cron expression in UTC, for example \"0 3 * * *\" (every night at 3), or @daily; leave it empty to run the source by hand only.",
		},
		"source_mapping_invalid": {
			FR: "Correspondance illisible ({reason}) : écrivez un objet JSON de la forme {\"fields\": {\"name\": \"Nom\"}, \"categories\": {\"AMAP\": \"Alimentation\"}}.",
			EN: "Unreadable mapping ({reason}): write a JSON object such as {\"fields\": {\"name\": \"Nom\"}, \"categories\": {\"AMAP\": \"Alimentation\"}}.",
		},
		"source_name_locked": {
			FR: "Cette source a déjà importé des fiches, et son nom les relie à elle : gardez-le (ou créez une autre source, dont les fiches seront nouvelles).",
			EN: "This source has already imported records, and its name ties them to it: keep it (or create another source, whose records will be new).",
		},
		"source_fetch_status": {
			FR: "La source a répondu {status} au lieu des données : vérifiez son adresse, ou réessayez plus tard si son serveur est en panne.",
			EN: "The source answered {status} instead of the data: check its address, or try again later if its server is down.",
		},
		"source_fetch_timeout": {
			FR: "La source n'a pas envoyé ses données en entier en {seconds} s : réessayez plus tard, ou demandez à son éditeur un fichier plus léger.",
			EN: "The source did not send all its data within {seconds} s: try again later, or ask its publisher for a lighter file.",
		},
		"source_fetch_too_big": {
			FR: "La source dépasse {mib} Mio : déposez un extrait comme fichier, ou augmentez la limite du serveur.",
			EN: "The source is larger than {mib} MiB: upload an extract as a file, or raise the server's limit.",
		},
		"source_fetch_redirects": {
			FR: "La source redirige plus de {max} fois (une boucle ?) : donnez directement l'adresse finale des données.",
			EN: "The source redirects more than {max} times (a loop?): give the data's final address instead.",
		},
		"source_fetch_scheme": {
			FR: "La source redirige vers une adresse ni http ni https ({url}) : donnez directement l'adresse finale des données.",
			EN: "The source redirects to an address that is neither http nor https ({url}): give the data's final address instead.",
		},
		"source_fetch_refused": {
			FR: "L'adresse de la source mène à {address}, sur les réseaux du serveur lui-même : c'est refusé par sécurité. Donnez une adresse publique, ou autorisez ce réseau avec --sources-allow-networks.",
			EN: "The source's address leads to {address}, on the server's own networks: this is refused for safety. Give a public address, or allow that network with --sources-allow-networks.",
		},
		"source_fetch_failed": {
			FR: "La source est injoignable ({reason}) : vérifiez son adresse, ou réessayez plus tard.",
			EN: "The source cannot be reached ({reason}): check its address, or try again later.",
		},
		"source_file_unreadable": {
			FR: "Le fichier déposé pour cette source est illisible ({reason}) : déposez-le à nouveau.",
			EN: "The file uploaded for this source cannot be read ({reason}): upload it again.",
		},
		"source_import_failed": {
			FR: "Les données n'ont pas pu être importées ({reason}) : vérifiez que le format ({format}) et la collection de la source correspondent au contenu.",
			EN: "The data could not be imported ({reason}): check that the source's format ({format}) and collection match its content.",
		},
		"source_errors_truncated": {
			FR: "… et {count} autres éléments refusés, non détaillés ici.",
			EN: "… and {count} more refused items, not listed here.",
		},
		"source_running": {
			FR: "Cette source est déjà en cours d'import : attendez la fin de l'import en cours, puis relancez-la.",
			EN: "This source is already being imported: wait for the current run to finish, then run it again.",
		},
		"source_not_found": {
			FR: "Source introuvable : elle a peut-être été supprimée.",
			EN: "Source not found: it may have been deleted.",
		},
	})
}
