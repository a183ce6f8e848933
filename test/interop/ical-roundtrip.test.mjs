// @ts-check
// The iCalendar feed writer (interop/formats/ical, WriteFeed) read back by an independent
// parser, ical.js: testdata/ical-feed.ics is what WriteFeed writes for the Go test's sample
// events, and ical-feed.expected.json what those events are (a Go test keeps both equal to the
// code: go test ./interop/formats/ical -run TestFeedGolden -update). Every event must read back
// identically: texts with their escapes, instants through the feed's own VTIMEZONEs (registered
// from the file, not from ical.js's zone data), all-day dates, the rule kept as a rule with its
// EXDATEs and RDATEs, and the occurrences ical.js expands from it over a year.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import ICAL from "ical.js";

const dir = new URL("./testdata/", import.meta.url);
const feed = readFileSync(new URL("ical-feed.ics", dir), "utf8");
const expected = JSON.parse(readFileSync(new URL("ical-feed.expected.json", dir), "utf8"));

/**
 * when writes an ICAL.Time as the Go test does: a day for dates, else the UTC instant.
 * @param {any} t
 */
function when(t) {
    if (t.isDate) {
        return t.toString();
    }
    return t.toJSDate().toISOString().replace(".000Z", "Z");
}

/**
 * values lists every value of every property called name, as text.
 * @param {any} vevent
 * @param {string} name
 */
function values(vevent, name) {
    return vevent.getAllProperties(name).flatMap((/** @type {any} */ p) => p.getValues());
}

/**
 * read turns one VEVENT into the expected JSON's shape.
 * @param {any} vevent
 */
function read(vevent) {
    const ev = new ICAL.Event(vevent);
    const rrule = vevent.getFirstPropertyValue("rrule");
    const geo = vevent.getFirstPropertyValue("geo");
    const occurrences = [];
    const end = ev.startDate.clone();
    end.year += 1;
    const it = ev.iterator();
    for (let next = it.next(); next && next.compare(end) < 0; next = it.next()) {
        occurrences.push(when(next));
    }
    return {
        uid: ev.uid,
        summary: ev.summary,
        description: ev.description ?? "",
        start: when(ev.startDate),
        end: when(ev.endDate),
        allDay: ev.startDate.isDate,
        timezone: ev.startDate.isDate ? "Europe/Paris" : (vevent.getFirstProperty("dtstart").getParameter("tzid") ?? ""),
        rrule: rrule ? rrule.toString() : "",
        rdates: values(vevent, "rdate").map(when),
        exdates: values(vevent, "exdate").map(when),
        location: vevent.getFirstPropertyValue("location") ?? "",
        geo: geo ?? null,
        url: vevent.getFirstPropertyValue("url") ?? "",
        categories: values(vevent, "categories"),
        occurrences,
    };
}

test("ical.js reads Maillage's feed back as the events written", () => {
    const cal = new ICAL.Component(ICAL.parse(feed));
    const zones = cal.getAllSubcomponents("vtimezone");
    assert.deepEqual(zones.map((z) => z.getFirstPropertyValue("tzid")), ["Europe/Paris", "America/New_York"]);
    for (const zone of zones) {
        ICAL.TimezoneService.register(zone);
    }
    try {
        const events = cal.getAllSubcomponents("vevent").map(read);
        assert.equal(events.length, expected.length);
        for (let i = 0; i < events.length; i++) {
            assert.deepEqual(events[i], expected[i], `event ${expected[i].uid}`);
        }
    } finally {
        ICAL.TimezoneService.reset();
    }
});

test("negative control: a feed that lost its EXDATE reads differently", () => {
    const broken = feed.replace("EXDATE;", "X-EXDATE;");
    const cal = new ICAL.Component(ICAL.parse(broken));
    for (const zone of cal.getAllSubcomponents("vtimezone")) {
        ICAL.TimezoneService.register(zone);
    }
    try {
        const events = cal.getAllSubcomponents("vevent").map(read);
        assert.notDeepEqual(events[0], expected[0]);
    } finally {
        ICAL.TimezoneService.reset();
    }
});
