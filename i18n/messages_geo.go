package i18n

// The territory's messages: a location outside it (hooks/geo.go), the geo API's refused
// queries and the territory upload (internal/geoapi).
func init() {
	add(map[string]Text{
		"outside_territory": {
			FR: "Ce point est à {km} km de {commune}, hors du territoire (marge de {margin} km) : vérifiez la position sur la carte, ou demandez à un·e modérateur·ice de l'accepter.",
			EN: "This point is {km} km from {commune}, outside the territory (margin {margin} km): check the location on the map, or ask a moderator to accept it.",
		},
		"filter_reveals_location": {
			FR: "Filtrer ou trier sur une position à travers une relation, ou sur la position floutée des offres et des profils, n'est pas permis : cela révélerait le point exact. Utilisez GET /api/geo/{collection}?bbox=… ou near=… à la place.",
			EN: "Filtering or sorting on a location through a relation, or on the blurred location of offers and profiles, is not allowed: it would reveal the exact point. Use GET /api/geo/{collection}?bbox=… or near=… instead.",
		},
		"filter_reveals_reserved_for": {
			FR: "Filtrer ou trier sur reservedFor n'est pas permis : seules la personne qui propose l'offre et celle à qui elle est réservée le voient.",
			EN: "Filtering or sorting on reservedFor is not allowed: only the offer's author and the person it is reserved for see it.",
		},
		"filter_reveals_email": {
			FR: "Filtrer ou trier sur une adresse e-mail n'est pas permis : elle n'est lisible que par la personne elle-même.",
			EN: "Filtering or sorting on an e-mail address is not allowed: only the person themself reads it.",
		},
		"filter_unreadable": {
			FR: "Les options de cet abonnement ne se lisent pas : attendu options={\"query\":{\"filter\":\"…\"}} en JSON.",
			EN: "This subscription's options cannot be read: expected options={\"query\":{\"filter\":\"…\"}} as JSON.",
		},
		"geo_invalid_query": {
			FR: "Requête géographique invalide : voyez data pour le paramètre en cause et la forme attendue.",
			EN: "Invalid geo query: see data for the parameter at fault and the expected form.",
		},
		"invalid_bbox": {
			FR: "bbox={value} n'est pas une boîte : attendu bbox=minLon,minLat,maxLon,maxLat en degrés décimaux (WGS 84 ; longitude de -180 à 180, latitude de -90 à 90), par exemple bbox=2.35,48.92,2.37,48.94.",
			EN: "bbox={value} is not a box: expected bbox=minLon,minLat,maxLon,maxLat in decimal degrees (WGS 84; longitude -180 to 180, latitude -90 to 90), e.g. bbox=2.35,48.92,2.37,48.94.",
		},
		"invalid_bbox.reversed": {
			FR: "bbox={value} : le minimum vient après le maximum (une boîte à cheval sur l'antiméridien n'est pas prise en charge) ; attendu bbox=minLon,minLat,maxLon,maxLat, par exemple bbox=2.35,48.92,2.37,48.94.",
			EN: "bbox={value}: the minimum comes after the maximum (a box across the antimeridian is not supported); expected bbox=minLon,minLat,maxLon,maxLat, e.g. bbox=2.35,48.92,2.37,48.94.",
		},
		"invalid_near": {
			FR: "near={value} n'est pas un point : attendu near=lon,lat en degrés décimaux (WGS 84 ; longitude d'abord, de -180 à 180, latitude de -90 à 90) avec radius en mètres, par exemple near=2.3596,48.9356&radius=800.",
			EN: "near={value} is not a point: expected near=lon,lat in decimal degrees (WGS 84; longitude first, -180 to 180, latitude -90 to 90) with radius=metres, e.g. near=2.3596,48.9356&radius=800.",
		},
		"missing_radius": {
			FR: "near demande un rayon en mètres, par exemple radius=800.",
			EN: "near needs a radius in metres, e.g. radius=800.",
		},
		"radius_without_near": {
			FR: "radius demande un centre : ajoutez near=lon,lat.",
			EN: "radius needs a centre: add near=lon,lat.",
		},
		"invalid_radius": {
			FR: "radius={value} n'est pas un rayon : attendu un nombre de mètres supérieur à 0 et d'au plus {max}.",
			EN: "radius={value} is not a radius: expected a number of metres above 0 and at most {max}.",
		},
		"invalid_limit": {
			FR: "limit={value} n'est pas une limite : attendu un nombre entier de 1 à {max}.",
			EN: "limit={value} is not a limit: expected a whole number from 1 to {max}.",
		},
		"invalid_value": {
			FR: "Attendu un slug, un code ou un identifiant d'au plus {max} caractères sur une seule ligne.",
			EN: "Expected a slug, code or id of at most {max} characters on one line.",
		},
		"unknown_fields": {
			FR: "{unknown} : pas de telle propriété dans {collection} ; attendu fields=nom,nom,… parmi {available} (distance avec near seulement).",
			EN: "{unknown}: no such property of {collection}; expected fields=name,name,… from {available} (distance with near only).",
		},
		"geo_no_data": {
			FR: "Pas de données géographiques pour « {collection} » : utilisez l'une de ces collections : {collections}.",
			EN: "No geo data for \"{collection}\": use one of {collections}.",
		},
		"geo_superusers_only": {
			FR: "Seul·es les administrateur·ices peuvent lister {collection}.",
			EN: "Only superusers can list {collection}.",
		},
		"territory_unreadable": {
			FR: "Le fichier n'a pas pu être lu : envoyez-le comme corps de la requête (64 Mo au plus).",
			EN: "Could not read the file: send it as the request body (at most 64 MB).",
		},
		"territory_refused": {
			FR: "Le fichier du territoire est refusé : voyez data pour chaque entité en cause. Rien n'a été importé.",
			EN: "The territory file was refused: see data for each bad feature. Nothing was imported.",
		},
		"territory_refused_file": {
			FR: "{file} refusé, rien n'a été importé :",
			EN: "{file} refused, nothing imported:",
		},
		"credits_failed": {
			FR: "L'attribution des données n'a pas pu être lue : réessayez plus tard.",
			EN: "Could not read the data's attribution, try again later.",
		},
		"missing_territory": {
			FR: "Nommez le territoire, par exemple territory=Plaine Commune.",
			EN: "Name the territory, e.g. territory=Plaine Commune.",
		},
		"duplicate_code": {
			FR: "Le code {code} est déjà pris par l'entité {first} : chaque commune doit apparaître une seule fois.",
			EN: "Code {code} is already used by feature {first}: each commune must appear once.",
		},
		"invalid_commune": {
			FR: "La commune est refusée : {detail}.",
			EN: "The commune was refused: {detail}.",
		},
		"invalid_commune.code": {
			FR: "Le code « {code} » n'est pas un code INSEE de commune (5 caractères, des chiffres ou 2A/2B) : est-ce bien un fichier de communes ?",
			EN: "Code \"{code}\" is not an INSEE commune code (5 characters, digits or 2A/2B): is this a communes file?",
		},
	})
}
