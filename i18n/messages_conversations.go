package i18n

// The refusals of conversations and messages (community/conversations): codes of field errors
// raised by its model hooks, for every write path (REST, batch, sync push).
func init() {
	add(map[string]Text{
		"conversations.blocked": {
			FR: "Vous ne pouvez pas écrire à cette personne : elle ne reçoit plus vos messages.",
			EN: "You cannot write to this person: they no longer receive your messages.",
		},
		"conversations.too_few": {
			FR: "Une conversation réunit au moins {min} personnes : ajoutez quelqu'un à qui écrire.",
			EN: "A conversation brings together at least {min} people: add someone to write to.",
		},
		"conversations.author_not_participant": {
			FR: "Vous devez faire partie de la conversation que vous ouvrez.",
			EN: "You must be one of the people in the conversation you open.",
		},
		"conversations.one_change": {
			FR: "Une modification ajoute des personnes ou en retire une, pas les deux : faites-les l'une après l'autre.",
			EN: "A change either adds people or removes one, not both: make them one after the other.",
		},
		"conversations.leave_self": {
			FR: "On ne peut retirer que soi-même d'une conversation (la quitter), une personne à la fois.",
			EN: "You can only remove yourself from a conversation (leave it), one person at a time.",
		},
		"conversations.not_participant": {
			FR: "Vous ne faites pas partie de cette conversation : vous ne pouvez pas y écrire.",
			EN: "You are not in this conversation: you cannot write in it.",
		},
		"conversations.block_self": {
			FR: "Vous ne pouvez pas vous bloquer vous-même.",
			EN: "You cannot block yourself.",
		},
	})
}
