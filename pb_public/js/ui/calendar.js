// @ts-check
// "Add to my calendar": an event as an .ics file download, and the occurrences of events in a
// period (recurring events on each of their dates, with the vendored rrule library).
import { eventToICS } from "../ics.js";
import { normalise } from "../search.js";

/**
 * downloadICS saves an event as an .ics file.
 * @param {Record<string, any>} ev
 */
export function downloadICS(ev) {
    const text = eventToICS(ev, location.origin + "/#/i/events/" + encodeURIComponent(ev.id));
    const url = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = (normalise(ev.title).replace(/ /g, "-") || "evenement") + ".ics";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/**
 * period returns [from, to) of "today", "week" (7 days from today) or "month" (31 days).
 * @param {string} name
 * @param {Date} now
 */
export function period(name, now) {
    const from = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    const days = name === "month" ? 31 : name === "week" ? 7 : 1;
    return [from, new Date(from.getFullYear(), from.getMonth(), from.getDate() + days)];
}

/** @type {Promise<any>|null} */
let rrule = null;

/** loadRRule loads the vendored rrule library once (only the agenda needs it). */
export function loadRRule() {
    rrule ??= new Promise((resolve, reject) => {
        const s = document.createElement("script");
        s.src = "/vendor/rrule/rrule.min.js";
        s.onload = () => resolve(/** @type {any} */ (window).rrule);
        s.onerror = () => { rrule = null; reject(new Error("rrule could not be loaded")); };
        document.head.appendChild(s);
    });
    return rrule;
}

/**
 * toDate reads a PocketBase date ("2026-12-01 18:00:00.000Z").
 * @param {string} v
 */
export function toDate(v) {
    return new Date(String(v).replace(" ", "T"));
}

/**
 * occurrences returns [{ev, start}] for every occurrence of events within [from, to),
 * sorted by start: a recurring event once per date of its RRULE minus its exdates.
 * @param {Array<Record<string, any>>} events
 * @param {Date} from
 * @param {Date} to
 * @param {any} lib the rrule library (window.rrule)
 */
export function occurrences(events, from, to, lib) {
    const out = [];
    for (const ev of events) {
        if (!ev.start) {
            continue;
        }
        const start = toDate(ev.start);
        const length = ev.end ? toDate(ev.end).getTime() - start.getTime() : 0;
        for (const s of [...(ev.rrule ? repeats(ev, start, from, to, lib) : [start]), ...added(ev)]) {
            if (s < to && s.getTime() + Math.max(length, 0) >= from.getTime()) {
                out.push({ ev, start: s });
            }
        }
    }
    return out.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/**
 * added lists an event's added occurrences (its rdates, from an imported calendar), exdates
 * removed.
 * @param {Record<string, any>} ev
 * @returns {Date[]}
 */
function added(ev) {
    const ex = new Set((Array.isArray(ev.exdates) ? ev.exdates : []).map((d) => toDate(d).getTime()));
    return (Array.isArray(ev.rdates) ? ev.rdates : []).map(toDate).filter((d) => !isNaN(d.getTime()) && !ex.has(d.getTime()));
}

/** The territory's time zone, for events that do not name theirs. */
export const DEFAULT_TZ = "Europe/Paris";

/**
 * repeats lists the dates of a recurring event in [from, to), exdates removed. The rule runs
 * in the event's time zone, so that "every Saturday at 18:00" stays at 18:00 across daylight
 * saving time: rrule takes and gives "floating" dates (wall-clock times written as UTC).
 * @param {Record<string, any>} ev
 * @param {Date} start
 * @param {Date} from
 * @param {Date} to
 * @param {any} lib
 */
function repeats(ev, start, from, to, lib) {
    try {
        const tzid = ev.timezone || DEFAULT_TZ;
        const opts = lib.RRule.parseString(String(ev.rrule).replace(/^RRULE:/, ""));
        const rule = new lib.RRule({ ...opts, dtstart: wallClock(start, tzid), tzid });
        const ex = new Set((Array.isArray(ev.exdates) ? ev.exdates : []).map((d) => toDate(d).getTime()));
        return rule.between(floating(from), floating(to), true).map(fromFloating).filter((/** @type {Date} */ d) => !ex.has(d.getTime()));
    } catch {
        return [start];
    }
}

/**
 * wallClock writes the time instant shows in tz as a floating date.
 * @param {Date} instant
 * @param {string} tz
 */
function wallClock(instant, tz) {
    const p = Object.fromEntries(new Intl.DateTimeFormat("en-GB", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit",
        day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(instant).map((x) => [x.type, Number(x.value)]));
    return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}

/**
 * floating writes a device-local instant as a floating date (rrule's between bounds).
 * @param {Date} d
 */
function floating(d) {
    return new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()));
}

/**
 * fromFloating reads rrule's answer (device-local wall clock written as UTC) as an instant.
 * @param {Date} d
 */
function fromFloating(d) {
    return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}
