package i18n

// The messages of the server's protections as a whole (package hardening).
func init() {
	add(map[string]Text{
		"pb_too_large": {FR: "L'envoi est trop volumineux : envoyez-en moins à la fois, ou un fichier plus petit.",
			EN: "The request is too large: send less at a time, or a smaller file."},
	})
}
