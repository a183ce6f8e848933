package i18n

// The territory's follows of remote actors (package federation, federationFollowing).
func init() {
	add(map[string]Text{
		"following_target_invalid": {
			FR: "Indiquez l'adresse d'un acteur ActivityPub (https://mobilizon.exemple/@groupe) ou son identifiant @nom@hôte (@groupe@mobilizon.exemple).",
			EN: "Give the address of an ActivityPub actor (https://mobilizon.example/@group) or its handle @name@host (@group@mobilizon.example).",
		},
		"following_failed": {
			FR: "Le suivi n'a pas pu être envoyé : {reason}. Supprimez cette ligne et recréez-la pour réessayer.",
			EN: "The follow could not be sent: {reason}. Delete this row and create it again to retry.",
		},
	})
}
