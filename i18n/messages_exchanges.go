package i18n

// Exchanges' messages (community/exchanges): why an offer cannot change its state or be
// reserved for someone, and why a booking is refused. The transitions are keyed by reason,
// the state the offer or booking is in ("offer_state_transition.done").
func init() {
	add(map[string]Text{
		"offer_state_new": {
			FR: "Une nouvelle offre commence ouverte : publiez-la, puis réservez-la ou concluez-la ensuite.",
			EN: "A new offer starts open: publish it, then reserve it or mark it done afterwards.",
		},
		"offer_state_transition": {
			FR: "Cette offre ne peut pas passer de l'état « {from} » à « {to} ».",
			EN: "This offer cannot go from \"{from}\" to \"{to}\".",
		},
		"offer_state_transition.done": {
			FR: "Cette offre est conclue : son état ne change plus. Publiez une nouvelle offre si besoin.",
			EN: "This offer is done: its state no longer changes. Post a new offer if needed.",
		},
		"offer_state_transition.withdrawn": {
			FR: "Cette offre est retirée : rouvrez-la d'abord.",
			EN: "This offer is withdrawn: reopen it first.",
		},
		"offer_state_transition.expired": {
			FR: "Cette offre a expiré : rouvrez-la avec une nouvelle date d'expiration, ou retirez-la.",
			EN: "This offer has expired: reopen it with a new expiry date, or withdraw it.",
		},
		"offer_expired_by_server": {
			FR: "Une offre expire d'elle-même à sa date d'expiration : changez plutôt cette date, ou retirez l'offre.",
			EN: "An offer expires by itself on its expiry date: change that date instead, or withdraw the offer.",
		},
		"offer_expires_past": {
			FR: "Sa date d'expiration est passée : choisissez une date à venir (ou aucune) pour rouvrir l'offre.",
			EN: "Its expiry date has passed: choose a date to come (or none) to reopen the offer.",
		},
		"offer_reserved_for_missing": {
			FR: "Dites pour qui l'offre est réservée : une personne qui vous a écrit à son sujet.",
			EN: "Say who the offer is reserved for: someone who wrote to you about it.",
		},
		"offer_reserved_for_no_conversation": {
			FR: "On ne réserve une offre que pour une personne avec qui vous avez une conversation à son sujet (« Ça m'intéresse »).",
			EN: "An offer is reserved only for someone you have a conversation with about it (\"I'm interested\").",
		},
		"offer_reserved_for_author": {
			FR: "Vous ne pouvez pas réserver votre propre offre pour vous-même.",
			EN: "You cannot reserve your own offer for yourself.",
		},
		"booking_starts_requested": {
			FR: "Une réservation commence par une demande : c'est la personne qui prête qui la confirme.",
			EN: "A booking starts as a request: the person lending confirms it.",
		},
		"booking_end_before_start": {
			FR: "La fin est avant le début : corrigez l'une des deux dates.",
			EN: "The end is before the start: correct one of the two dates.",
		},
		"booking_offer_not_bookable": {
			FR: "Seules les offres de prêt ou de location se réservent par dates : écrivez plutôt à son auteur·ice.",
			EN: "Only loan and rental offers are booked by dates: write to its author instead.",
		},
		"booking_offer_closed": {
			FR: "Cette offre n'est plus ouverte aux réservations.",
			EN: "This offer no longer takes bookings.",
		},
		"booking_transition": {
			FR: "Cette réservation ne peut pas passer de « {from} » à « {to} ».",
			EN: "This booking cannot go from \"{from}\" to \"{to}\".",
		},
		"booking_transition.declined": {
			FR: "Cette réservation a été refusée : demandez d'autres dates.",
			EN: "This booking was declined: ask for other dates.",
		},
		"booking_transition.cancelled": {
			FR: "Cette réservation a été annulée : demandez à nouveau si besoin.",
			EN: "This booking was cancelled: ask again if needed.",
		},
		"booking_dates_taken": {
			FR: "Ces dates sont déjà réservées (du {start} au {end}) : choisissez d'autres dates.",
			EN: "These dates are already booked (from {start} to {end}): choose other dates.",
		},
	})
}
