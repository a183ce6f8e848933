// @ts-check
// "Open now" over opening hours written the OpenStreetMap way: "Mo-Fr 09:00-18:00; Sa 10:00-12:00",
// "24/7", "Tu,Th 14:00-18:00". Rules this parser does not understand give null (unknown), never
// a wrong "closed". Pure.

const DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

/**
 * parseDays turns "Mo-Fr" or "Tu,Th" into a set of day indexes (0 = Monday), or null.
 * @param {string} spec
 */
function parseDays(spec) {
    const days = new Set();
    for (const part of spec.split(",")) {
        const [from, to] = part.split("-").map((d) => DAYS.indexOf(d.trim()));
        if (from < 0 || (to !== undefined && to < 0)) {
            return null;
        }
        for (let d = from; ; d = (d + 1) % 7) {
            days.add(d);
            if (to === undefined || d === to) {
                break;
            }
        }
    }
    return days;
}

/**
 * parseRanges turns "09:00-12:00,14:00-18:00" into minute ranges, or null.
 * @param {string} spec
 */
function parseRanges(spec) {
    const out = [];
    for (const part of spec.split(",")) {
        const m = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(part.trim());
        if (!m) {
            return null;
        }
        out.push([+m[1] * 60 + +m[2], +m[3] * 60 + +m[4]]);
    }
    return out;
}

/**
 * isOpenAt tells whether a place with these opening hours is open at date (local time): true,
 * false, or null when the hours are empty or not understood.
 * @param {string} hours
 * @param {Date} date
 * @returns {boolean|null}
 */
export function isOpenAt(hours, date) {
    const text = (hours || "").trim();
    if (!text) {
        return null;
    }
    if (text === "24/7") {
        return true;
    }
    const day = (date.getDay() + 6) % 7;
    const minute = date.getHours() * 60 + date.getMinutes();
    let open = false;
    for (const rule of text.split(";").map((r) => r.trim()).filter(Boolean)) {
        const m = /^([A-Za-z,-]+)\s+(.+)$/.exec(rule);
        const days = m && parseDays(m[1]);
        if (!m || !days) {
            return null;
        }
        if (m[2].trim() === "off") {
            open = days.has(day) ? false : open;
            continue;
        }
        const ranges = parseRanges(m[2]);
        if (!ranges) {
            return null;
        }
        if (days.has(day)) {
            open = ranges.some(([a, b]) => minute >= a && minute < b);
        }
    }
    return open;
}
