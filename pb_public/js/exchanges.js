// @ts-check
// Exchanges on the device, no DOM: which state moves an offer's author may make, the dates of
// a booking (days from one UTC midnight to the midnight after the last day, as the server
// counts them), and the changes the detail page's exchange panel queues in the outbox.
import { enqueue, newId } from "./outbox.js";

/** STATE_MOVES lists, for each offer state, the states its author may move it to by hand. */
export const STATE_MOVES = /** @type {Record<string, string[]>} */ ({
    open: ["reserved", "done", "withdrawn"],
    reserved: ["open", "done", "withdrawn"],
    expired: ["open", "withdrawn"],
    withdrawn: ["open"],
    done: [],
});

/** BOOKABLE lists the offer modes that have a calendar of bookings. */
export const BOOKABLE = ["loan", "rental"];

/**
 * movesOf returns the states an offer in state may move to ("" is open).
 * @param {string} state
 */
export function movesOf(state) {
    return STATE_MOVES[state || "open"] || [];
}

/**
 * bookingSpan turns the first and last day chosen (YYYY-MM-DD, inclusive) into the booking's
 * start and end as the server stores them: [first 00:00Z, day after last 00:00Z).
 * @param {string} first
 * @param {string} last
 * @returns {{start: string, end: string}}
 */
export function bookingSpan(first, last) {
    const end = new Date(last + "T00:00:00Z");
    end.setUTCDate(end.getUTCDate() + 1);
    return { start: first + " 00:00:00.000Z", end: end.toISOString().slice(0, 10) + " 00:00:00.000Z" };
}

/**
 * daysOf is the inverse of bookingSpan: the first and last day of a booking.
 * @param {{start: string, end: string}} b
 * @returns {{first: string, last: string}}
 */
export function daysOf(b) {
    const end = new Date(String(b.end).replace(" ", "T"));
    if (end.getUTCHours() === 0 && end.getUTCMinutes() === 0) {
        end.setUTCDate(end.getUTCDate() - 1);
    }
    return { first: String(b.start).slice(0, 10), last: end.toISOString().slice(0, 10) };
}

/**
 * overlaps tells whether two bookings' [start, end) spans share a moment.
 * @param {{start: string, end: string}} a
 * @param {{start: string, end: string}} b
 */
export function overlaps(a, b) {
    return a.start < b.end && b.start < a.end;
}

/**
 * setState queues an offer's move to state (for person, when reserving).
 * @param {IDBDatabase} db
 * @param {Record<string, any>} offer
 * @param {string} state
 * @param {string} [person]
 */
export function setState(db, offer, state, person = "") {
    /** @type {Record<string, any>} */
    const fields = { state };
    if (state === "reserved") {
        fields.reservedFor = person;
    }
    return enqueue(db, { c: "offers", id: offer.id, op: "update", fields });
}

/**
 * askDates queues a booking request of offer by me for the days first to last.
 * @param {IDBDatabase} db
 * @param {Record<string, any>} offer
 * @param {string} me
 * @param {string} first
 * @param {string} last
 * @param {string} note
 */
export function askDates(db, offer, me, first, last, note) {
    const fields = { offer: offer.id, author: me, status: "requested", note, ...bookingSpan(first, last) };
    return enqueue(db, { c: "bookings", id: newId(), op: "create", fields });
}

/**
 * setBookingStatus queues a booking's move to status (confirmed, declined, cancelled).
 * @param {IDBDatabase} db
 * @param {Record<string, any>} booking
 * @param {string} status
 */
export function setBookingStatus(db, booking, status) {
    return enqueue(db, { c: "bookings", id: booking.id, op: "update", fields: { status } });
}
