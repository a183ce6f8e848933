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
 * eventToICS returns the .ics text of an event record (with its RRULE and EXDATEs).
 * @param {Record<string, any>} ev
 * @param {string} url the event's page, for the calendar entry
 * @returns {string}
 */
export function eventToICS(ev, url) {
    const prop = ev.allDay ? ";VALUE=DATE" : "";
    const lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Maillage//PWA//FR", "BEGIN:VEVENT",
        "UID:" + ev.id + "@maillage", "DTSTAMP:" + icsDate(new Date().toISOString(), false),
        "DTSTART" + prop + ":" + icsDate(ev.start, ev.allDay),
    ];
    if (ev.end) {
        lines.push("DTEND" + prop + ":" + icsDate(ev.end, ev.allDay));
    }
    if (ev.rrule) {
        lines.push("RRULE:" + String(ev.rrule).replace(/^RRULE:/, ""));
    }
    for (const ex of Array.isArray(ev.exdates) ? ev.exdates : []) {
        lines.push("EXDATE" + prop + ":" + icsDate(ex, ev.allDay));
    }
    lines.push("SUMMARY:" + escapeText(ev.title), "DESCRIPTION:" + escapeText(ev.description),
        "LOCATION:" + escapeText(ev.place), "URL:" + url, "END:VEVENT", "END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
}
