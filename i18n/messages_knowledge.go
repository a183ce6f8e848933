package i18n

// The knowledge wiki's refusals (knowledge/).
func init() {
	add(map[string]Text{
		"page_slug_invalid": {
			FR: "L'adresse de la page ne peut contenir que des lettres minuscules sans accent, des chiffres et des tirets simples (au plus {max} caractères) ; laissez-la vide pour qu'elle soit tirée du titre.",
			EN: "The page's address may only hold lowercase unaccented letters, digits and single hyphens (at most {max} characters); leave it empty to have it made from the title.",
		},
		"page_slug_taken": {
			FR: "L'adresse « {slug} » est déjà celle d'une autre page ; choisissez-en une autre ou laissez-la vide.",
			EN: "The address \"{slug}\" is already another page's; choose another or leave it empty.",
		},
		"page_body_tangled": {
			FR: "Le texte contient trop de HTML imbriqué pour être nettoyé ; écrivez-le en Markdown, sans balises HTML.",
			EN: "The text holds too much nested HTML to be cleaned; write it in Markdown, without HTML tags.",
		},
		"page_link_unreadable": {
			FR: "La page ne peut renvoyer qu'à des fiches que son auteur ou son autrice peut lire ; retirez ce lien.",
			EN: "A page may only link to records its author can read; remove this link.",
		},
	})
}
