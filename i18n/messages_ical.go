package i18n

// The iCalendar decoder's messages (interop/formats/ical): why a file is no calendar, and why
// one of its events was refused. {detail} carries the rule library's own words, in English.
func init() {
	add(map[string]Text{
		"ical_not_calendar": {
			FR: "Ce n'est pas un agenda iCalendar (aucun BEGIN:VCALENDAR ni BEGIN:VEVENT) : exportez l'agenda au format .ics",
			EN: "This is not an iCalendar agenda (no BEGIN:VCALENDAR nor BEGIN:VEVENT): export the agenda as an .ics file",
		},
		"ical_events_only": {
			FR: "Un agenda iCalendar s'importe dans events, pas dans « {collection} »",
			EN: "An iCalendar agenda is imported into events, not \"{collection}\"",
		},
		"ical_unknown_zone": {
			FR: "Le fuseau horaire « {zone} » est inconnu et le fichier ne le définit pas (VTIMEZONE) : exportez l'agenda avec ses fuseaux, ou en heure UTC",
			EN: "The time zone \"{zone}\" is unknown and the file does not define it (VTIMEZONE): export the agenda with its time zones, or in UTC",
		},
		"ical_bad_rule": {
			FR: "La règle de répétition « {rule} » est illisible ({detail}) : corrigez-la dans l'agenda d'origine",
			EN: "The repeat rule \"{rule}\" cannot be read ({detail}): correct it in the source agenda",
		},
		"ical_several_rules": {
			FR: "Cet événement a plusieurs règles de répétition sans fin : gardez-en une seule dans l'agenda d'origine",
			EN: "This event has several repeat rules with no end: keep only one in the source agenda",
		},
		"ical_bad_duration": {
			FR: "La durée « {value} » est illisible (attendu par exemple PT1H30M ou P1D) : corrigez-la dans l'agenda d'origine",
			EN: "The duration \"{value}\" cannot be read (expected e.g. PT1H30M or P1D): correct it in the source agenda",
		},
		"ical_not_public": {
			FR: "Cet événement est marqué {class} dans sa source : il n'est pas publié",
			EN: "This event is marked {class} in its source: it is not published",
		},
		"ical_cancelled": {
			FR: "Cet événement est annulé dans sa source : il n'est pas publié",
			EN: "This event is cancelled in its source: it is not published",
		},
		"ical_bad_event": {
			FR: "Cet événement est illisible ({detail}) : corrigez-le dans l'agenda d'origine",
			EN: "This event cannot be read ({detail}): correct it in the source agenda",
		},
	})
}
