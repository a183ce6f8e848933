package i18n

// The permanent evaluation's messages (package indicators): why a request for the indicators
// is refused.
func init() {
	add(map[string]Text{
		"indicators_month_invalid": {
			FR: "« {param} » doit être un mois écrit AAAA-MM, par exemple 2026-03.",
			EN: "“{param}” must be a month written YYYY-MM, for example 2026-03.",
		},
		"indicators_range_reversed": {
			FR: "Le mois de début (from) doit précéder le mois de fin (to), ou être le même.",
			EN: "The first month (from) must come before the last month (to), or be the same.",
		},
		"indicators_range_too_long": {
			FR: "Demandez au plus {max} mois à la fois.",
			EN: "Ask for at most {max} months at a time.",
		},
		"indicators_commune_unknown": {
			FR: "Cette commune n'existe pas : choisissez-en une du territoire, ou aucune pour tout le territoire.",
			EN: "This commune does not exist: choose one of the territory, or none for the whole territory.",
		},
		"indicators_format_unknown": {
			FR: "Format inconnu : json ou csv.",
			EN: "Unknown format: json or csv.",
		},
	})
}
