// @ts-check
// "Add to my calendar": one event as an iCalendar (RFC 5545) file. Pure.

/**
 * icsDate writes a PocketBase date ("2026-05-02 14:00:00.000Z") as UTC "20260502T140000Z", or
 * as a DATE ("20260502") for all-day events.
 * @param {string} value
 * @param {boolean} allDay
 */
export function icsDate(value, allDay) {
    const d = new Date(value.replace(" ", "T"));
    const iso = d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
    return allDay ? iso.slice(0, 8) : iso;
}

/**
 * escapeText escapes a TEXT value (backslash, semicolon, comma, newline).
 * @param {string} s
 */
export function escapeText(s) {
    return String(s || "").replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/**
 * fold cuts a content line to 75 octets per line as RFC 5545 asks (here: 73 characters).
 * @param {string} line
 */
function fold(line) {
    const out = [];
    for (let i = 0; i < line.length; i += 73) {
        out.push((i ? " " : "") + line.slice(i, i + 73));
    }
    return out.join("\r\n");
}

/**
 * VTIMEZONES holds the time zones a recurring event can be written in, with their rules
 * (RFC 5545 asks for the definition of every TZID used). Events in other zones stay in UTC.
 */
const VTIMEZONES = {
    "Europe/Paris": ["BEGIN:VTIMEZONE", "TZID:Europe/Paris",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD", "END:VTIMEZONE"],
};

/**
 * localDate writes a PocketBase date as the wall-clock time of tz ("20260502T160000").
 * @param {string} value
 * @param {string} tz
 */
export function localDate(value, tz) {
    const d = new Date(value.replace(" ", "T"));
    const p = Object.fromEntries(new Intl.DateTimeFormat("en-GB", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit",
        day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(d).map((x) => [x.type, x.value]));
    return `${p.year}${p.month}${p.day}T${p.hour}${p.minute}${p.second}`;
}

/**
 * eventToICS returns the .ics text of an event record (with its RRULE and EXDATEs). A timed
 * recurring event in a known zone is written in that zone, so that calendars keep its local
 * time across daylight saving time; other events are written in UTC (or as dates).
 * @param {Record<string, any>} ev
 * @param {string} url the event's page, for the calendar entry
 * @returns {string}
 */
export function eventToICS(ev, url) {
    const zone = ev.rrule && !ev.allDay && VTIMEZONES[/** @type {keyof typeof VTIMEZONES} */ (ev.timezone)] ? ev.timezone : "";
    const prop = ev.allDay ? ";VALUE=DATE" : zone ? ";TZID=" + zone : "";
    const date = (/** @type {string} */ v) => (zone ? localDate(v, zone) : icsDate(v, ev.allDay));
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Maillage//PWA//FR",
        ...(zone ? VTIMEZONES[/** @type {keyof typeof VTIMEZONES} */ (zone)] : []), "BEGIN:VEVENT",
        "UID:" + ev.id + "@maillage", "DTSTAMP:" + icsDate(new Date().toISOString(), false),
        "DTSTART" + prop + ":" + date(ev.start),
    ];
    if (ev.end) {
        lines.push("DTEND" + prop + ":" + date(ev.end));
    }
    if (ev.rrule) {
        lines.push("RRULE:" + String(ev.rrule).replace(/^RRULE:/, ""));
    }
    for (const ex of Array.isArray(ev.exdates) ? ev.exdates : []) {
        lines.push("EXDATE" + prop + ":" + date(ex));
    }
    lines.push("SUMMARY:" + escapeText(ev.title), "DESCRIPTION:" + escapeText(ev.description),
        "LOCATION:" + escapeText(ev.place), "URL:" + url, "END:VEVENT", "END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
}
