package i18n

// Messages of Web Push (package push): why a subscription or preferences were refused, and
// the notifications themselves, written in their recipient's language.
func init() {
	add(map[string]Text{
		"push_endpoint_invalid": {
			FR: "L'adresse d'abonnement (endpoint) n'est pas une URL https valide : envoyez l'abonnement du navigateur tel quel (PushSubscription.toJSON()).",
			EN: "The subscription address (endpoint) is not a valid https URL: send the browser's subscription as it is (PushSubscription.toJSON()).",
		},
		"push_endpoint_not_allowed": {
			FR: "Le service de notifications {host} n'est pas accepté : seuls ceux des navigateurs (Google, Mozilla, Apple, Microsoft) et ceux que l'administration a listés dans MAILLAGE_PUSH_HOSTS le sont.",
			EN: "The push service {host} is not accepted: only the browsers' own (Google, Mozilla, Apple, Microsoft) and those the administrators listed in MAILLAGE_PUSH_HOSTS are.",
		},
		"push_keys_invalid": {
			FR: "Les clés de l'abonnement (keys.p256dh et keys.auth) manquent ou sont illisibles : envoyez l'abonnement du navigateur tel quel (PushSubscription.toJSON()).",
			EN: "The subscription's keys (keys.p256dh and keys.auth) are missing or unreadable: send the browser's subscription as it is (PushSubscription.toJSON()).",
		},
		"push_subscription_not_yours": {
			FR: "Un abonnement aux notifications appartient à la personne connectée : retirez le champ user de la demande.",
			EN: "A push subscription belongs to the signed-in person: leave the user field out of the request.",
		},
		"push_near_consent": {
			FR: "Pour être prévenu·e de ce qui se passe près d'un point, acceptez d'abord que Maillage garde ce point (case à cocher).",
			EN: "To hear about what happens near a point, first agree that Maillage keeps that point (the checkbox).",
		},
		"push_near_point": {
			FR: "Choisissez sur la carte le point autour duquel vous voulez être prévenu·e.",
			EN: "Pick on the map the point around which you want to hear about things.",
		},
		"push_near_radius": {
			FR: "Choisissez un rayon entre {min} et {max} km.",
			EN: "Choose a radius between {min} and {max} km.",
		},
		"push_message_title": {
			FR: "{name} vous a écrit",
			EN: "{name} wrote to you",
		},
		"push_reply_title": {
			FR: "{name} vous a répondu",
			EN: "{name} replied to you",
		},
		"push_published_title": {
			FR: "Votre contribution est publiée",
			EN: "Your contribution is published",
		},
		"push_rejected_title": {
			FR: "Votre contribution n'a pas été retenue",
			EN: "Your contribution was not accepted",
		},
		"push_near_events_title": {
			FR: "Un évènement près de votre point",
			EN: "An event near your point",
		},
		"push_near_offers_title": {
			FR: "Une nouvelle annonce près de votre point",
			EN: "A new listing near your point",
		},
		"push_someone": {
			FR: "Quelqu'un",
			EN: "Someone",
		},
		"push_untitled": {
			FR: "(sans titre)",
			EN: "(untitled)",
		},
	})
}
