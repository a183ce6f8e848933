package i18n

// Refused comments (community/discussions).
func init() {
	add(map[string]Text{
		"comment_target_unreadable": {
			FR: "Ce commentaire porte sur une fiche introuvable ou que vous ne pouvez pas lire : ouvrez la fiche à nouveau, elle a peut-être été retirée ou rendue privée.",
			EN: "This comment is about a record that cannot be found or that you cannot read: open the record again, it may have been removed or made private.",
		},
		"comment_parent_elsewhere": {
			FR: "La réponse porte sur un commentaire d'une autre fiche : répondez depuis la fiche du commentaire.",
			EN: "The reply answers a comment on another record: reply from that comment's own page.",
		},
		"comment_proposal_closed": {
			FR: "Les commentaires d'une proposition s'écrivent pendant sa consultation : elle n'est pas (ou plus) en consultation.",
			EN: "A proposal takes comments during its consultation: it is not (or no longer) in consultation.",
		},
	})
}
