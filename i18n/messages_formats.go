package i18n

// The decoders' messages (interop/formats): why a whole file cannot be read (written without a
// final stop, as the reason inside the import's own message) and why one item of it was refused.
// {detail} params carry the parser's own words, in English.
func init() {
	add(map[string]Text{
		// Whole inputs.
		"format_too_large": {
			FR: "Le fichier dépasse {max} Mio, la taille qu'un import lit au plus : découpez-le en plusieurs fichiers",
			EN: "The file is larger than {max} MiB, the most an import reads: split it into several files",
		},
		"format_too_many_items": {
			FR: "Le fichier contient plus de {max} éléments, le plus qu'un import lit : découpez-le en plusieurs fichiers",
			EN: "The file holds more than {max} items, the most an import reads: split it into several files",
		},
		"format_empty": {
			FR: "Le fichier est vide : vérifiez que vous envoyez le bon fichier et qu'il n'a pas été tronqué",
			EN: "The file is empty: check that you send the right file and that it was not cut short",
		},
		"format_binary": {
			FR: "Le fichier n'est pas du texte (il contient des octets nuls : binaire, ou texte en UTF-16) : enregistrez-le en UTF-8",
			EN: "The file is not text (it holds NUL bytes: binary, or UTF-16 text): save it as UTF-8",
		},
		"format_unreadable": {
			FR: "Le fichier n'a pas pu être lu jusqu'au bout ({detail}) : réessayez",
			EN: "The file could not be read to the end ({detail}): try again",
		},
		"format_unknown_collection": {
			FR: "On importe dans initiatives, events ou organisations, pas dans « {collection} »",
			EN: "Imports go into initiatives, events or organisations, not \"{collection}\"",
		},
		"format_unknown": {
			FR: "Format inconnu « {format} » : choisissez parmi {formats}",
			EN: "Unknown format \"{format}\": choose one of {formats}",
		},
		"format_not_json": {
			FR: "Ce n'est pas du JSON valide ({detail}) : vérifiez que le fichier est complet et au bon format",
			EN: "This is not valid JSON ({detail}): check that the file is complete and in the right format",
		},
		"format_geojson_invalid": {
			FR: "Ce n'est pas du GeoJSON valide (RFC 7946) : {detail}",
			EN: "This is not valid GeoJSON (RFC 7946): {detail}",
		},
		"format_csv_no_header": {
			FR: "La première ligne du CSV doit nommer les colonnes (nom, adresse, lat, lon…) : ajoutez une ligne d'en-tête",
			EN: "The first line of the CSV must name the columns (name, address, lat, lon…): add a header line",
		},
		"format_csv_duplicate_column": {
			FR: "La colonne « {column} » apparaît deux fois dans l'en-tête : renommez l'une des deux",
			EN: "The column \"{column}\" appears twice in the header: rename one of them",
		},
		"format_gogocarto_shape": {
			FR: "Ce n'est pas un export d'éléments GoGoCarto (on attend {\"data\": [...]} ou une liste d'éléments) : exportez les éléments depuis l'API de la carte",
			EN: "This is not a GoGoCarto elements export ({\"data\": [...]} or a list of elements expected): export the elements from the map's API",
		},
		"format_gogocarto_taxonomy_shape": {
			FR: "Ce n'est pas une taxonomie GoGoCarto (on attend un groupe de catégories avec ses « options ») : exportez la taxonomie depuis l'API de la carte",
			EN: "This is not a GoGoCarto taxonomy (a category group with its \"options\" expected): export the taxonomy from the map's API",
		},
		"format_jsonld_none": {
			FR: "Aucune donnée JSON-LD trouvée (ni objet JSON, ni bloc <script type=\"application/ld+json\"> dans la page) : vérifiez l'adresse ou le fichier",
			EN: "No JSON-LD data found (neither a JSON object nor a <script type=\"application/ld+json\"> block in the page): check the address or the file",
		},

		// Single items.
		"format_wrong_kind": {
			FR: "C'est un élément de type {kind}, qui ne va pas dans {collection} : importez-le dans {target}",
			EN: "This is an item of type {kind}, which does not belong in {collection}: import it into {target}",
		},
		"format_unsupported_type": {
			FR: "Le type « {type} » n'est ni un lieu, ni un événement, ni une organisation : l'élément est ignoré",
			EN: "The type \"{type}\" is neither a place, an event nor an organisation: the item is left out",
		},
		"format_bad_coordinates": {
			FR: "Les coordonnées ({lat} ; {lon}) ne sont pas une position valide (latitude entre -90 et 90, longitude entre -180 et 180, en degrés décimaux) : corrigez-les ou videz-les",
			EN: "The coordinates ({lat}; {lon}) are not a valid position (latitude within -90 and 90, longitude within -180 and 180, in decimal degrees): fix or empty them",
		},
		"format_event_without_start": {
			FR: "Cet événement n'a pas de date de début : ajoutez-la (colonne début, start ou date_debut)",
			EN: "This event has no start date: add it (a start, startDate or date_debut column)",
		},
		"format_bad_date": {
			FR: "La date « {value} » n'est pas lisible : écrivez-la 2025-05-17T14:30 ou 17/05/2025 14:30",
			EN: "The date \"{value}\" cannot be read: write it 2025-05-17T14:30 or 17/05/2025 14:30",
		},
		"format_event_end_before_start": {
			FR: "L'événement finit ({end}) avant de commencer ({start}) : corrigez l'une des deux dates",
			EN: "The event ends ({end}) before it starts ({start}): fix one of the two dates",
		},
		"format_geojson_bad_feature": {
			FR: "Entité GeoJSON invalide : {detail}. Corrigez-la dans la source ; les autres entités sont importées",
			EN: "Invalid GeoJSON feature: {detail}. Fix it in the source; the other features are imported",
		},
		"format_csv_bad_row": {
			FR: "Ligne CSV illisible : {detail}. Vérifiez les guillemets de cette ligne",
			EN: "Unreadable CSV line: {detail}. Check the quotes on this line",
		},
		"format_csv_extra_cells": {
			FR: "Cette ligne a {count} cellules de plus que l'en-tête : une virgule ou un point-virgule de trop décale sans doute les colonnes ; mettez la valeur entre guillemets",
			EN: "This line has {count} more cells than the header: a stray comma or semicolon probably shifts the columns; quote the value",
		},
		"format_not_an_object": {
			FR: "Cet élément n'est pas un objet JSON mais {kind} : il est ignoré",
			EN: "This item is not a JSON object but {kind}: it is left out",
		},
	})
}
