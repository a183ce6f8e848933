package i18n

// Messages of the open data exports (interop/export).
func init() {
	add(map[string]Text{
		"export_unknown_collection": {
			FR: "Aucun export pour « {collection} » : choisissez initiatives, organisations, events ou offers.",
			EN: "No export for “{collection}”: choose initiatives, organisations, events or offers.",
		},
		"export_unknown_format": {
			FR: "Format d'export inconnu « {format} » : choisissez geojson, csv, jsonld ou ics (ics pour events seulement).",
			EN: "Unknown export format “{format}”: choose geojson, csv, jsonld or ics (ics for events only).",
		},
		"export_ics_events_only": {
			FR: "Le flux iCalendar ne concerne que les événements : demandez events.ics.",
			EN: "The iCalendar feed is for events only: ask for events.ics.",
		},
		"export_unknown_category": {
			FR: "Catégorie inconnue « {value} » : donnez l'identifiant ou le slug d'une catégorie existante.",
			EN: "Unknown category “{value}”: give the id or the slug of an existing category.",
		},
		"export_unknown_commune": {
			FR: "Commune inconnue « {value} » : donnez l'identifiant ou le code INSEE d'une commune du territoire.",
			EN: "Unknown commune “{value}”: give the id or the INSEE code of one of the territory's communes.",
		},
		"export_unknown_organisation": {
			FR: "Organisation inconnue ou non publique « {value} » : donnez l'identifiant d'une organisation publiée.",
			EN: "Unknown or non-public organisation “{value}”: give the id of a published organisation.",
		},
		"export_filter_not_supported": {
			FR: "Le filtre « {filter} » ne s'applique pas à {collection} : retirez-le.",
			EN: "The filter “{filter}” does not apply to {collection}: remove it.",
		},
		"export_record_not_found": {
			FR: "Aucun enregistrement public {id} dans {collection} : il n'existe pas, n'est pas publié ou n'est pas public.",
			EN: "No public record {id} in {collection}: it does not exist, is not published or is not public.",
		},
		"export_bad_page": {
			FR: "Page invalide « {value} » : utilisez le lien « next » de la page précédente.",
			EN: "Invalid page “{value}”: follow the “next” link of the previous page.",
		},
		"export_ics_description": {
			FR: "Les événements publics de {site}.",
			EN: "The public events of {site}.",
		},
		"export_failed": {
			FR: "L'export n'a pas pu être lu, réessayez plus tard.",
			EN: "The export could not be read, try again later.",
		},
	})
}
