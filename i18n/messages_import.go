package i18n

// The import's messages: its summary's per-item reasons, its refusals of arguments and files,
// and the note moderators read on a value a source could not write.
func init() {
	add(map[string]Text{
		"import_no_name": {
			FR: "Cet élément n'a pas de nom : donnez-lui un nom dans la source (ou indiquez la colonne du nom dans la correspondance des champs).",
			EN: "This item has no name: give it one in the source (or name the column holding it in the field mapping).",
		},
		"import_no_start": {
			FR: "Cet élément n'a pas de date de début : un événement de l'agenda en a besoin, ajoutez-la dans la source.",
			EN: "This item has no start date: an agenda event needs one, add it in the source.",
		},
		"import_event_elsewhere": {
			FR: "C'est un événement, pas un élément de {collection} : importez-le dans events.",
			EN: "This is an event, not an item of {collection}: import it into events.",
		},
		"import_conflict": {
			FR: "La source {source} donne une autre valeur pour ce champ, modifié dans Maillage depuis le dernier import : la valeur de Maillage est gardée, celle de la source est ici. Appliquez-la si elle est plus juste.",
			EN: "The source {source} gives another value for this field, edited in Maillage since the last import: Maillage's value was kept, the source's is here. Apply it if it is more accurate.",
		},
		"import_bad_collection": {
			FR: "On importe dans initiatives, events ou organisations, pas dans « {collection} » : choisissez l'une des trois avec --collection.",
			EN: "Imports go into initiatives, events or organisations, not \"{collection}\": choose one of the three with --collection.",
		},
		"import_bad_format": {
			FR: "Format inconnu « {format} » : choisissez parmi {formats} avec --format.",
			EN: "Unknown format \"{format}\": choose one of {formats} with --format.",
		},
		"import_no_source": {
			FR: "Donnez un nom de source (--source NOM) : c'est avec lui qu'un nouvel import retrouve les fiches du précédent.",
			EN: "Give a source name (--source NAME): a later import finds the records of this one by it.",
		},
		"import_unusable": {
			FR: "Le fichier ne peut pas être lu comme {format} : {reason}. Rien n'a été importé.",
			EN: "The file cannot be read as {format}: {reason}. Nothing was imported.",
		},
		"import_read_failed": {
			FR: "Impossible de lire {file} : {reason}.",
			EN: "Cannot read {file}: {reason}.",
		},
	})
}
