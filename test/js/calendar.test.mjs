// Occurrences of events in a period (pb_public/js/ui/calendar.js) with the vendored rrule, and
// the agenda's periods.
import { test } from "node:test";
import assert from "node:assert/strict";
import rrule from "rrule"; // the package the vendored rrule.min.js is copied from (npm run vendor:check)
import { occurrences, period } from "../../pb_public/js/ui/calendar.js";

const iso = (/** @type {Date} */ d) => d.toISOString().slice(0, 16);

test("a weekly event shows on each of its dates in the period, exdates removed", () => {
    const ev = { id: "e1", title: "Repair café", start: "2026-12-05 09:00:00.000Z", rrule: "FREQ=WEEKLY;BYDAY=SA",
        exdates: ["2026-12-19 09:00:00.000Z"] };
    const got = occurrences([ev], new Date("2026-12-01T00:00:00Z"), new Date("2027-01-01T00:00:00Z"), rrule);
    assert.deepEqual(got.map((o) => iso(o.start)), ["2026-12-05T09:00", "2026-12-12T09:00", "2026-12-26T09:00"]);
});

test("a one-off event shows once if it overlaps the period, also when it started before", () => {
    const events = [
        { id: "in", title: "in", start: "2026-12-10 18:00:00.000Z" },
        { id: "out", title: "out", start: "2027-02-10 18:00:00.000Z" },
        { id: "long", title: "long", start: "2026-11-25 08:00:00.000Z", end: "2026-12-02 18:00:00.000Z" },
        { id: "over", title: "over", start: "2026-11-20 08:00:00.000Z", end: "2026-11-21 18:00:00.000Z" },
    ];
    const got = occurrences(events, new Date("2026-12-01T00:00:00Z"), new Date("2027-01-01T00:00:00Z"), rrule);
    assert.deepEqual(got.map((o) => o.ev.id), ["long", "in"]);
});

test("a broken RRULE shows the event on its first date instead of failing the agenda", () => {
    const ev = { id: "bad", title: "bad", start: "2026-12-03 10:00:00.000Z", rrule: "FREQ=SOMETIMES" };
    const got = occurrences([ev], new Date("2026-12-01T00:00:00Z"), new Date("2026-12-08T00:00:00Z"), rrule);
    assert.deepEqual(got.map((o) => iso(o.start)), ["2026-12-03T10:00"]);
});

test("periods start today at midnight and last 1, 7 or 31 days", () => {
    const now = new Date(2026, 10, 29, 15, 30);
    for (const [name, days] of [["today", 1], ["week", 7], ["month", 31]]) {
        const [from, to] = period(name, now);
        assert.equal(from.getTime(), new Date(2026, 10, 29).getTime(), name);
        assert.equal(to.getTime(), new Date(2026, 10, 29 + days).getTime(), name);
    }
});

test("a weekly event keeps its local time across the change to summer time", () => {
    // Saturdays at 18:00 in Paris: 17:00 UTC in winter, 16:00 UTC from 29 March 2026.
    const ev = { id: "e2", title: "Apéro", start: "2026-03-21 17:00:00.000Z", rrule: "FREQ=WEEKLY;BYDAY=SA", timezone: "Europe/Paris" };
    const got = occurrences([ev], new Date("2026-03-20T00:00:00Z"), new Date("2026-04-10T00:00:00Z"), rrule);
    assert.deepEqual(got.map((o) => iso(o.start)), ["2026-03-21T17:00", "2026-03-28T17:00", "2026-04-04T16:00"]);
});

test("an imported event's rdates add occurrences to its rule, exdates still removed", () => {
    const ev = { id: "e2", title: "Disco soupe", start: "2026-12-05 09:00:00.000Z", rrule: "FREQ=WEEKLY;BYDAY=SA;COUNT=2",
        rdates: ["2026-12-24T17:00:00Z", "2026-12-31T17:00:00Z"], exdates: ["2026-12-31 17:00:00.000Z"] };
    const got = occurrences([ev], new Date("2026-12-01T00:00:00Z"), new Date("2027-01-01T00:00:00Z"), rrule);
    assert.deepEqual(got.map((o) => iso(o.start)), ["2026-12-05T09:00", "2026-12-12T09:00", "2026-12-24T17:00"]);
});
