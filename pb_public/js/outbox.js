// @ts-check
// The outbox: a local change and its pending mutation are written in the same IndexedDB
// transaction, before the UI says "saved". Acknowledged mutations move to the journal with the
// server's result (kept for the outbox view, and resent if the server lost them).
import { req, tx } from "./db.js";
import { baseOf, rebase } from "./rebase.js";

/** The state an outbox entry takes from the server's status for it. */
export const STATE_OF_STATUS = {
    applied: "synced",
    duplicate: "synced",
    merged: "merged",
    conflict: "conflict",
    rejected: "rejected",
    suggested: "suggested",
};

/**
 * JOURNAL_KEEP is how many acknowledged mutations the journal keeps (the outbox view lists
 * them; values lost to a conflict or a rejection also live on in syncConflicts).
 */
export const JOURNAL_KEEP = 500;

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/**
 * newId returns a PocketBase-style record id (15 characters of [a-z0-9]).
 * @returns {string}
 */
export function newId() {
    const bytes = crypto.getRandomValues(new Uint8Array(15));
    return Array.from(bytes, (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join("");
}

/**
 * @typedef {{c: string, id: string, op: "create"|"update"|"delete", fields?: Record<string, any>, blobs?: string[]}} Change
 */

/**
 * enqueue writes a local change and its mutation in one transaction and returns the mutation.
 * op "create" needs no existing row; "update" sends only fields, with their base values as the
 * local view holds them.
 * @param {IDBDatabase} db
 * @param {Change} change
 */
export async function enqueue(db, change) {
    const [m] = await enqueueAll(db, [change]);
    return m;
}

/**
 * enqueueAll writes several changes in one transaction (all or none), in order.
 * @param {IDBDatabase} db
 * @param {Change[]} changes
 */
export async function enqueueAll(db, changes) {
    const out = await tx(db, ["meta", "records", "outbox"], "readwrite", async (t) => {
        const ms = [];
        for (const change of changes) {
            ms.push(await enqueueIn(t, change));
        }
        return ms;
    });
    await announcePending(db);
    return out;
}

/**
 * enqueueIn writes one change and its mutation inside transaction t.
 * @param {IDBTransaction} t a transaction over meta, records and outbox
 * @param {Change} change
 */
async function enqueueIn(t, change) {
    const meta = t.objectStore("meta");
    const records = t.objectStore("records");
    const seqRow = await req(meta.get("nextMseq"));
    const mseq = seqRow ? seqRow.v : 1;
    const row = (await req(records.get([change.c, change.id]))) ||
        { c: change.c, id: change.id, rev: 0, server: null, view: null };
    if (change.op !== "create" && !row.view) {
        throw new Error(`${change.c}/${change.id} is not in the local data: sync and try again`);
    }
    const fields = change.fields || {};
    const m = {
        mseq, c: change.c, id: change.id, op: change.op, baseRev: row.rev || 0,
        base: change.op === "update" ? baseOf(row.view, fields) : {},
        fields, blobs: change.blobs || [], state: "waiting", created: Date.now(),
    };
    await req(t.objectStore("outbox").add(m));
    row.view = rebase(row.view, [m]);
    await req(records.put(row));
    await req(meta.put({ k: "nextMseq", v: mseq + 1 }));
    return m;
}

/** OUTBOX_EVENT is fired on window with {pending} whenever the outbox may have changed. */
export const OUTBOX_EVENT = "maillage:outbox";

/**
 * announcePending counts the outbox and fires OUTBOX_EVENT (the header badge listens).
 * @param {IDBDatabase} db
 */
export async function announcePending(db) {
    const pendingNow = await pendingCount(db);
    if (typeof globalThis.dispatchEvent === "function") {
        globalThis.dispatchEvent(new CustomEvent(OUTBOX_EVENT, { detail: { pending: pendingNow } }));
    }
    return pendingNow;
}

/**
 * pending returns the outbox, in mseq order.
 * @param {IDBDatabase} db
 */
export function pending(db) {
    return req(db.transaction("outbox").objectStore("outbox").getAll());
}

/**
 * journal returns the acknowledged mutations still kept, in mseq order.
 * @param {IDBDatabase} db
 */
export function journal(db) {
    return req(db.transaction("journal").objectStore("journal").getAll());
}

/**
 * pendingCount returns how many mutations wait in the outbox.
 * @param {IDBDatabase} db
 */
export function pendingCount(db) {
    return req(db.transaction("outbox").objectStore("outbox").count());
}

/**
 * setState marks outbox entries (by mseq) as "sending" or back to "waiting".
 * @param {IDBDatabase} db
 * @param {number[]} mseqs
 * @param {string} state
 */
export function setState(db, mseqs, state) {
    return tx(db, ["outbox"], "readwrite", async (t) => {
        const store = t.objectStore("outbox");
        for (const mseq of mseqs) {
            const m = await req(store.get(mseq));
            if (m) {
                m.state = state;
                await req(store.put(m));
            }
        }
    });
}

/**
 * acknowledge moves the outbox prefix up to lastSeq to the journal with its results, stores
 * the records the results carry and recomputes the views of the records they touch. A
 * "deferred" result stays in the outbox, to be sent again.
 * @param {IDBDatabase} db
 * @param {number} lastSeq
 * @param {Array<{mseq: number, status: string, rev?: number, r?: any, message?: string, conflicts?: any[]}>} results
 */
export async function acknowledge(db, lastSeq, results) {
    const byMseq = new Map(results.map((r) => [r.mseq, r]));
    const out = await tx(db, ["outbox", "journal", "records", "meta"], "readwrite", async (t) => {
        const outbox = t.objectStore("outbox");
        const acked = [];
        for (const m of await req(outbox.getAll(IDBKeyRange.upperBound(lastSeq)))) {
            const res = byMseq.get(m.mseq);
            if (res && res.status === "deferred") {
                m.state = "waiting";
                await req(outbox.put(m));
                continue;
            }
            await req(outbox.delete(m.mseq));
            const done = { ...m, state: res ? STATE_OF_STATUS[/** @type {keyof typeof STATE_OF_STATUS} */ (res.status)] || "synced" : "synced", result: res || null, acked: Date.now() };
            await req(t.objectStore("journal").put(done));
            await refreshRow(t, m.c, m.id, res && res.r && res.rev ? res : null);
            acked.push(done);
        }
        const prev = await req(t.objectStore("meta").get("acked"));
        await req(t.objectStore("meta").put({ k: "acked", v: Math.max(prev ? prev.v : 0, lastSeq) }));
        await req(t.objectStore("journal").delete(IDBKeyRange.upperBound(lastSeq - JOURNAL_KEEP)));
        return acked;
    });
    await announcePending(db);
    return out;
}

/**
 * refreshRow stores a server row (when given) and recomputes the view from the outbox.
 * @param {IDBTransaction} t a transaction over records and outbox
 * @param {string} c
 * @param {string} id
 * @param {{rev?: number, r?: any}|null} server
 */
export async function refreshRow(t, c, id, server) {
    const records = t.objectStore("records");
    const row = (await req(records.get([c, id]))) || { c, id, rev: 0, server: null, view: null };
    if (server) {
        row.server = server.r;
        row.rev = server.rev;
    }
    const mine = await req(t.objectStore("outbox").index("rec").getAll([c, id]));
    row.view = rebase(row.server, mine);
    if (row.view || row.server) {
        await req(records.put(row));
    } else {
        await req(records.delete([c, id]));
    }
}

/**
 * requeueLost puts back in the outbox the journal entries the server no longer knows (it
 * reports lastSeq below what it acknowledged, e.g. after a restore) and renumbers the outbox
 * from lastSeq+1, so the server sees no gap. Returns how many were requeued.
 * @param {IDBDatabase} db
 * @param {number} lastSeq
 */
export async function requeueLost(db, lastSeq) {
    const out = await tx(db, ["outbox", "journal", "meta"], "readwrite", async (t) => {
        const meta = t.objectStore("meta");
        const acked = await req(meta.get("acked"));
        if (!acked || lastSeq >= acked.v) {
            return 0;
        }
        const lost = await req(t.objectStore("journal").getAll(IDBKeyRange.lowerBound(lastSeq, true)));
        const outbox = t.objectStore("outbox");
        const all = [...lost.map((m) => ({ ...m, state: "waiting", result: null })), ...(await req(outbox.getAll()))]
            .sort((a, b) => a.mseq - b.mseq);
        await req(outbox.clear());
        await req(t.objectStore("journal").delete(IDBKeyRange.lowerBound(lastSeq, true)));
        all.forEach((m, i) => { m.mseq = lastSeq + 1 + i; });
        for (const m of all) {
            await req(outbox.add(m));
        }
        await req(meta.put({ k: "nextMseq", v: lastSeq + 1 + all.length }));
        await req(meta.put({ k: "acked", v: lastSeq }));
        return lost.length;
    });
    await announcePending(db);
    return out;
}

/**
 * retry puts rejected or conflicting journal entries back in the outbox as new mutations with
 * the same fields (re-apply), numbered after the current outbox.
 * @param {IDBDatabase} db
 * @param {number} mseq the journal entry to send again
 */
export async function retry(db, mseq) {
    const m = await req(db.transaction("journal").objectStore("journal").get(mseq));
    if (!m) {
        throw new Error("this contribution is no longer in the journal");
    }
    const op = m.op === "create" && m.state !== "rejected" ? "update" : m.op;
    return enqueue(db, { c: m.c, id: m.id, op, fields: m.fields, blobs: m.blobs });
}
