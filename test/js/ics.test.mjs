// "Add to my calendar": RFC 5545 text of one event.
import { test } from "node:test";
import assert from "node:assert/strict";
import { escapeText, eventToICS, icsDate } from "../../pb_public/js/ics.js";

test("icsDate writes UTC date-times and all-day dates", () => {
    assert.equal(icsDate("2026-05-02 14:00:00.000Z", false), "20260502T140000Z");
    assert.equal(icsDate("2026-05-02 00:00:00.000Z", true), "20260502");
});

test("escapeText escapes what TEXT values must escape", () => {
    assert.equal(escapeText("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
});

test("eventToICS writes a recurring event with exdates, CRLF and folded lines", () => {
    const ev = {
        id: "ev1", title: "Repair café, vélo", description: "x".repeat(200), place: "Maison de quartier",
        start: "2026-05-02 14:00:00.000Z", end: "2026-05-02 17:00:00.000Z", allDay: false,
        rrule: "RRULE:FREQ=WEEKLY;BYDAY=SA", exdates: ["2026-05-09 14:00:00.000Z"],
    };
    const text = eventToICS(ev, "https://maillage.example/#/i/events/ev1");
    assert.ok(text.endsWith("\r\n"));
    const lines = text.split("\r\n");
    for (const want of ["BEGIN:VCALENDAR", "UID:ev1@maillage", "DTSTART:20260502T140000Z", "DTEND:20260502T170000Z",
        "RRULE:FREQ=WEEKLY;BYDAY=SA", "EXDATE:20260509T140000Z", "SUMMARY:Repair café\\, vélo", "END:VCALENDAR"]) {
        assert.ok(lines.includes(want), `missing ${want}`);
    }
    assert.ok(lines.every((l) => l.length <= 75), "every line is folded");
    const unfolded = text.replace(/\r\n /g, "");
    assert.ok(unfolded.includes("DESCRIPTION:" + "x".repeat(200)), "folding keeps the whole text");
});

test("an all-day event uses DATE values", () => {
    const text = eventToICS({ id: "e", title: "Fête", start: "2026-06-21 00:00:00.000Z", allDay: true }, "u");
    assert.match(text, /DTSTART;VALUE=DATE:20260621\r\n/);
});
