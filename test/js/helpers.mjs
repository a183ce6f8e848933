// Shared helpers of the unit tests: a fresh IndexedDB (fake-indexeddb) per test and a
// recorder of the outbox events the modules fire on the global object.
import "fake-indexeddb/auto";
import { openDb } from "../../pb_public/js/db.js";

let n = 0;

/** freshDb opens a new, empty Maillage database. */
export function freshDb() {
    n += 1;
    return openDb(`test-${process.pid}-${n}`);
}

/**
 * recordEvents makes the global object an event target (as window is) and returns the
 * details of every event called name fired from now on.
 * @param {string} name
 */
export function recordEvents(name) {
    if (typeof globalThis.dispatchEvent !== "function") {
        const target = new EventTarget();
        globalThis.addEventListener = target.addEventListener.bind(target);
        globalThis.removeEventListener = target.removeEventListener.bind(target);
        globalThis.dispatchEvent = target.dispatchEvent.bind(target);
    }
    const seen = [];
    globalThis.addEventListener(name, (ev) => seen.push(ev.detail));
    return seen;
}

/**
 * putServerRow stores a record as if pulled from the server (through the sync's own code).
 * @param {IDBDatabase} db
 * @param {string} c
 * @param {Record<string, any>} r
 * @param {number} rev
 */
export async function putServerRow(db, c, r, rev) {
    const { tx } = await import("../../pb_public/js/db.js");
    const { refreshRow } = await import("../../pb_public/js/outbox.js");
    await tx(db, ["records", "outbox"], "readwrite", (t) => refreshRow(t, c, r.id, { rev, r }));
}
