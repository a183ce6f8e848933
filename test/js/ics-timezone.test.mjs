// A recurring event's .ics in its time zone (pb_public/js/ics.js), so that calendar apps keep
// its local time across daylight saving time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { eventToICS } from "../../pb_public/js/ics.js";

const weekly = { id: "w1", title: "Apéro", start: "2026-03-21 17:00:00.000Z", end: "2026-03-21 19:00:00.000Z",
    rrule: "FREQ=WEEKLY;BYDAY=SA", exdates: ["2026-04-04 16:00:00.000Z"], timezone: "Europe/Paris" };

test("a recurring Paris event is written at its local time with its zone defined", () => {
    const text = eventToICS(weekly, "https://maillage.test/#/i/events/w1");
    for (const want of ["DTSTART;TZID=Europe/Paris:20260321T180000", "DTEND;TZID=Europe/Paris:20260321T200000",
        "EXDATE;TZID=Europe/Paris:20260404T180000", "BEGIN:VTIMEZONE", "TZID:Europe/Paris", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"]) {
        assert.ok(text.includes(want + "\r\n"), `${want} in\n${text}`);
    }
    assert.ok(text.indexOf("END:VTIMEZONE") < text.indexOf("BEGIN:VEVENT"), "the zone is defined before the event");
});

test("a zone without a definition, a one-off event or an all-day event stays in UTC or dates", () => {
    assert.match(eventToICS({ ...weekly, timezone: "Asia/Tokyo" }, "u"), /DTSTART:20260321T170000Z\r\n/);
    assert.match(eventToICS({ ...weekly, rrule: "" }, "u"), /DTSTART:20260321T170000Z\r\n/);
    assert.doesNotMatch(eventToICS({ ...weekly, rrule: "" }, "u"), /VTIMEZONE/);
    assert.match(eventToICS({ ...weekly, allDay: true, start: "2026-03-21 00:00:00.000Z" }, "u"), /DTSTART;VALUE=DATE:20260321\r\n/);
});
