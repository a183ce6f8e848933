package i18n

// Federation's messages (package federation): why a delivery from another server is refused.
func init() {
	add(map[string]Text{
		"federation_blocked": {
			FR: "Ce territoire ne fédère pas avec le domaine {domain} : il est bloqué.",
			EN: "This territory does not federate with the domain {domain}: it is blocked.",
		},
	})
}
