package i18n

// Notifications of a proposal's new phase to its followers (push, governance/proposals).
func init() {
	add(map[string]Text{
		"push_phase_vote_title": {
			FR: "Une proposition que vous suivez passe au vote",
			EN: "A proposal you follow is now open for voting",
		},
		"push_phase_closed_title": {
			FR: "Le vote d'une proposition que vous suivez est clos : voir les résultats",
			EN: "The vote on a proposal you follow is closed: see the results",
		},
	})
}
