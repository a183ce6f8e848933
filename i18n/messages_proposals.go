package i18n

// Proposals' messages (governance/proposals): why a proposal, a ballot or a request for
// results is refused.
func init() {
	add(map[string]Text{
		"proposal_options_invalid": {
			FR: "Donnez de {min} à {max} options, chacune avec un identifiant unique (lettres, chiffres, - ou _) et un libellé.",
			EN: "Give {min} to {max} options, each with a unique id (letters, digits, - or _) and a label.",
		},
		"proposal_deadlines_order": {
			FR: "Donnez une date de fin du vote, après la fin de la consultation.",
			EN: "Give an end date for the vote, after the end of the consultation.",
		},
		"proposal_deadline_past": {
			FR: "Pour ouvrir la consultation, donnez une date de fin de consultation à venir.",
			EN: "To open the consultation, give an end of consultation still to come.",
		},
		"proposal_sign_in": {
			FR: "Connectez-vous pour voter.",
			EN: "Sign in to vote.",
		},
		"proposal_not_found": {
			FR: "Cette proposition n'existe pas, ou vous ne pouvez pas la voir.",
			EN: "This proposal does not exist, or you cannot see it.",
		},
		"proposal_not_voting": {
			FR: "Le vote sur cette proposition n'est pas ouvert.",
			EN: "Voting on this proposal is not open.",
		},
		"proposal_results_not_yet": {
			FR: "Les résultats seront publiés à la clôture du vote.",
			EN: "The results will be published when the vote closes.",
		},
		"ballot_choices_invalid": {
			FR: "Bulletin invalide : approuvez des options de la proposition, ou donnez une mention de 0 à 6 à chacune de ses options.",
			EN: "Invalid ballot: approve options of the proposal, or give each of its options a grade from 0 to 6.",
		},
		"ballot_college_missing": {
			FR: "Ce vote se fait par collège : choisissez d'abord votre collège dans votre profil.",
			EN: "This vote is by college: choose your college in your profile first.",
		},
		"ballot_receipt_needed": {
			FR: "Vous avez déjà voté à bulletin secret : seul le reçu gardé par l'appareil qui a voté permet de changer ce bulletin.",
			EN: "You have already cast a secret ballot: only the receipt kept by the device that voted can change it.",
		},
		"ballot_receipt_invalid": {
			FR: "Ce reçu ne correspond à aucun bulletin de cette proposition.",
			EN: "This receipt matches no ballot of this proposal.",
		},
		"ballot_body_invalid": {
			FR: "La demande n'est pas un bulletin lisible.",
			EN: "The request is not a readable ballot.",
		},
	})
}
