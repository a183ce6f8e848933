// Exchanges on the device: the state moves an author is offered and a booking's days, as the
// server counts them (community/exchanges).
import { test } from "node:test";
import assert from "node:assert/strict";
import { bookingSpan, daysOf, movesOf, overlaps } from "../../pb_public/js/exchanges.js";

test("an author is offered the moves the server accepts", () => {
    assert.deepEqual(movesOf(""), ["reserved", "done", "withdrawn"]);
    assert.deepEqual(movesOf("reserved"), ["open", "done", "withdrawn"]);
    assert.deepEqual(movesOf("expired"), ["open", "withdrawn"]);
    assert.deepEqual(movesOf("done"), []);
});

test("a booking runs from its first day's midnight to the midnight after its last day", () => {
    const span = bookingSpan("2030-02-27", "2030-02-28");
    assert.deepEqual(span, { start: "2030-02-27 00:00:00.000Z", end: "2030-03-01 00:00:00.000Z" });
    assert.deepEqual(daysOf(span), { first: "2030-02-27", last: "2030-02-28" });
    assert.deepEqual(daysOf(bookingSpan("2030-12-31", "2030-12-31")), { first: "2030-12-31", last: "2030-12-31" });
});

test("bookings that only touch do not overlap", () => {
    const a = bookingSpan("2030-05-01", "2030-05-03");
    assert.equal(overlaps(a, bookingSpan("2030-05-04", "2030-05-05")), false);
    assert.equal(overlaps(a, bookingSpan("2030-05-03", "2030-05-05")), true);
    assert.equal(overlaps(bookingSpan("2030-05-04", "2030-05-05"), a), false);
});
