package i18n

// Refused reports and votes of community validation (governance/moderation).
func init() {
	add(map[string]Text{
		"report_target_unreadable": {
			FR: "Ce signalement porte sur un contenu introuvable ou que vous ne pouvez pas lire : il a peut-être déjà été retiré ou masqué.",
			EN: "This report is about something that cannot be found or that you cannot read: it may already have been removed or hidden.",
		},
		"vote_not_trusted": {
			FR: "Seuls les membres de confiance (animateurs, ou habitants dont plusieurs contributions ont été publiées) valident les contributions.",
			EN: "Only trusted members (facilitators, or residents with several published contributions) validate contributions.",
		},
		"vote_not_pending": {
			FR: "Cette contribution n'attend plus de validation, ou elle a été masquée après des signalements : seule l'équipe de modération en décide.",
			EN: "This contribution no longer awaits validation, or it was hidden after reports: only the moderators decide on it.",
		},
		"vote_own": {
			FR: "Vous ne pouvez pas valider votre propre contribution.",
			EN: "You cannot validate your own contribution.",
		},
	})
}
