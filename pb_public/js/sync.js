// @ts-check
// The sync client of docs/sync.md, the same algorithm as the Go reference client
// (mobile_sync/client): pull (a reset re-snapshots the listed collections, keeping the
// outbox, and swaps them in with the new cursor only once every snapshot is in), push the outbox (photos first), pull again. One tab leads (leader.js).
import { call, ApiError } from "./api.js";
import { count, getMeta, req, setMeta, tx } from "./db.js";
import { acknowledge, newId, pending, requeueLost, setState } from "./outbox.js";
import { rebase } from "./rebase.js";
import { uploadBlob } from "./media.js";

const PAGE = 500;
const PUSH_BATCH = 100;

/**
 * @typedef {{c: string, done: number, total: number}} Progress
 * @typedef {{id: string, rev: number, r: any}} SnapshotRow
 * @typedef {{onProgress?: (p: Progress|null) => void, onChange?: (what: string[]) => void,
 *   signedIn: boolean}} SyncOptions
 */

/** Syncer runs the sync of one user's database; run() calls are coalesced. */
export class Syncer {
    /**
     * @param {IDBDatabase} db
     * @param {SyncOptions} opts
     */
    constructor(db, opts) {
        this.db = db;
        this.opts = opts;
        /** @type {Promise<void>|null} */
        this.running = null;
        this.again = false;
    }

    /** run syncs now, or once more after the sync in progress. */
    run() {
        if (this.running) {
            this.again = true;
            return this.running;
        }
        this.running = (async () => {
            try {
                do {
                    this.again = false;
                    await this.pullAll();
                    if (this.opts.signedIn && await this.pushAll() > 0) {
                        await this.pullAll();
                    }
                } while (this.again);
            } finally {
                this.running = null;
            }
        })();
        return this.running;
    }

    /** clientId returns this device's id, made once per database. */
    async clientId() {
        let id = await getMeta(this.db, "clientId");
        if (!id) {
            id = newId();
            await setMeta(this.db, "clientId", id);
        }
        return id;
    }

    /**
     * pullAll pulls until the server has nothing more for this client. The first sync (no
     * cursor yet) reports its progress per collection against the server's counts.
     */
    async pullAll() {
        const first = !(await getMeta(this.db, "cursor", ""));
        const totals = first ? await serverTotals() : null;
        while (await this.pullOnce(totals)) { /* next page */ }
        this.opts.onProgress?.(null);
    }

    /**
     * pullOnce pulls one page and returns whether more are waiting. A reset's snapshots are
     * read first, then stored with the page and its cursor in one transaction: a failure
     * midway leaves the stores and the cursor as they were, consistent with each other.
     * @param {Record<string, number>|null} [totals] counts to report progress against
     */
    async pullOnce(totals = null) {
        const body = { clientId: await this.clientId(), cursor: await getMeta(this.db, "cursor", ""), limit: PAGE, collections: [] };
        const res = await call("POST", "/api/sync/pull", body);
        if (!res.cursor) {
            throw new ApiError(502, "the server sent no cursor: try again later");
        }
        const fresh = res.reset ? await this.snapshots(res.reset.collections) : null;
        const touched = await this.store(res.changes || [], fresh, res.cursor);
        if (totals) {
            await this.report(touched, totals);
        }
        if (this.opts.signedIn) {
            await requeueLost(this.db, res.lastMutationSeq || 0);
        }
        if (touched.length > 0 || res.reset) {
            this.opts.onChange?.([...new Set([...touched, ...(res.reset ? res.reset.collections : [])])]);
        }
        return Boolean(res.hasMore);
    }

    /**
     * report tells how many records of each collection touched by a page are stored, against
     * the server's count ("12 480 / 20 000 initiatives").
     * @param {string[]} touched
     * @param {Record<string, number>} totals
     */
    async report(touched, totals) {
        for (const c of touched.filter((c) => totals[c] > 0)) {
            const done = await count(this.db, c);
            this.opts.onProgress?.({ c, done, total: Math.max(totals[c], done) });
        }
    }

    /**
     * store writes a pulled page in one transaction: the fresh snapshots of a reset replace
     * their collections, then the changes are applied, each view recomputed over the outbox
     * (read once), and the cursor is set. Returns the collections the changes touched. Puts
     * are queued without waiting for each other: a first sync writes thousands of rows.
     * @param {Array<{c: string, op: string, id: string, rev: number, r?: any}>} changes
     * @param {Map<string, SnapshotRow[]>|null} fresh
     * @param {string} cursor
     */
    store(changes, fresh, cursor) {
        return tx(this.db, ["records", "outbox", "meta"], "readwrite", async (t) => {
            const mine = groupByRecord(await req(t.objectStore("outbox").getAll()));
            for (const [c, rows] of fresh || []) {
                await replaceCollection(t, c, rows, mine);
            }
            const records = t.objectStore("records");
            for (const ch of changes) {
                if (ch.op === "put") {
                    records.put(serverRow(ch.c, ch.id, ch.rev, ch.r, mine));
                } else {
                    await removeServerRow(t, ch.c, ch.id);
                }
            }
            t.objectStore("meta").put({ k: "cursor", v: cursor });
            return [...new Set(changes.map((ch) => ch.c))];
        });
    }

    /**
     * snapshots reads the snapshot of each collection, in order, without storing anything.
     * @param {string[]} collections
     * @returns {Promise<Map<string, SnapshotRow[]>>}
     */
    async snapshots(collections) {
        const fresh = new Map();
        for (const c of collections) {
            fresh.set(c, await this.snapshot(c));
        }
        return fresh;
    }

    /**
     * snapshot reads every page of collection c's snapshot, with progress.
     * @param {string} c
     * @returns {Promise<SnapshotRow[]>}
     */
    async snapshot(c) {
        const total = await countOnServer(c);
        /** @type {SnapshotRow[]} */
        const rows = [];
        const q = { clientId: await this.clientId(), collection: c, snapshotSeq: 0, afterId: "", limit: PAGE };
        for (;;) {
            const page = await call("POST", "/api/sync/snapshot", q);
            rows.push(...(page.records || []));
            this.opts.onProgress?.({ c, done: rows.length, total: Math.max(total, rows.length) });
            if (page.done || !page.nextAfterId || page.nextAfterId === q.afterId) {
                return rows;
            }
            q.snapshotSeq = page.snapshotSeq;
            q.afterId = page.nextAfterId;
        }
    }

    /** pushAll sends the outbox batch by batch and returns how many were acknowledged. */
    async pushAll() {
        let total = 0;
        for (;;) {
            const batch = (await pending(this.db)).filter((m) => m.state !== "blocked").slice(0, PUSH_BATCH);
            if (batch.length === 0) {
                return total;
            }
            const acked = await this.pushBatch(batch);
            total += acked;
            if (acked === 0) {
                return total;
            }
        }
    }

    /**
     * pushBatch uploads the batch's photos, pushes it and acknowledges what the server
     * processed (also the processed prefix of a 503). Returns the number acknowledged.
     * @param {any[]} batch
     */
    async pushBatch(batch) {
        const mseqs = batch.map((m) => m.mseq);
        await setState(this.db, mseqs, "sending");
        this.opts.onChange?.(["outbox"]);
        try {
            for (const m of batch) {
                for (const id of m.blobs || []) {
                    await uploadBlob(this.db, id);
                }
            }
            const mutations = batch.map(({ mseq, c, id, op, baseRev, base, fields }) => ({ mseq, c, id, op, baseRev, base, fields }));
            const res = await call("POST", "/api/sync/push", { clientId: await this.clientId(), mutations });
            const acked = await acknowledge(this.db, res.lastMutationSeq, res.results || []);
            return acked.length;
        } catch (err) {
            const body = err instanceof ApiError ? err.body : null;
            if (body && Array.isArray(body.results)) {
                await acknowledge(this.db, body.lastMutationSeq, body.results);
            }
            throw err;
        } finally {
            await setState(this.db, mseqs, "waiting");
            this.opts.onChange?.(["outbox"]);
        }
    }
}

/**
 * groupByRecord indexes outbox entries by "collection/id", in outbox order.
 * @param {Array<{c: string, id: string}>} entries
 */
function groupByRecord(entries) {
    /** @type {Map<string, any[]>} */
    const out = new Map();
    for (const m of entries) {
        const key = m.c + "/" + m.id;
        out.set(key, [...(out.get(key) || []), m]);
    }
    return out;
}

/**
 * serverRow builds the stored row of a record from its server state and pending mutations.
 * @param {string} c
 * @param {string} id
 * @param {number} rev
 * @param {any} r
 * @param {Map<string, any[]>} mine the outbox by record
 */
function serverRow(c, id, rev, r, mine) {
    return { c, id, rev, server: r, view: rebase(r, mine.get(c + "/" + id) || []) };
}

/**
 * replaceCollection makes rows the server state of collection c: rows missing from them lose
 * their server state (a record with a pending create stays), the others are overwritten.
 * @param {IDBTransaction} t
 * @param {string} c
 * @param {SnapshotRow[]} rows
 * @param {Map<string, any[]>} mine the outbox by record
 */
async function replaceCollection(t, c, rows, mine) {
    const keep = new Set(rows.map((r) => r.id));
    const held = await req(t.objectStore("records").index("c").getAllKeys(c));
    for (const [, id] of /** @type {Array<[string, string]>} */ (held)) {
        if (!keep.has(id)) {
            await removeServerRow(t, c, id);
        }
    }
    const records = t.objectStore("records");
    for (const rec of rows) {
        records.put(serverRow(c, rec.id, rec.rev, rec.r, mine));
    }
}

/**
 * removeServerRow drops the server state of a record; the record stays while a pending
 * create keeps it alive locally.
 * @param {IDBTransaction} t
 * @param {string} c
 * @param {string} id
 */
async function removeServerRow(t, c, id) {
    const records = t.objectStore("records");
    const row = await req(records.get([c, id]));
    if (!row) {
        return;
    }
    row.server = null;
    row.rev = 0;
    const mine = await req(t.objectStore("outbox").index("rec").getAll([c, id]));
    row.view = rebase(null, mine);
    await req(row.view ? records.put(row) : records.delete([c, id]));
}

/** Collections whose first sync shows a count, in the order a person cares about them. */
const COUNTED = ["organisations", "initiatives", "events", "offers"];

/** serverTotals asks the server how many records of each counted collection this user may list. */
async function serverTotals() {
    const counts = await Promise.all(COUNTED.map(countOnServer));
    return Object.fromEntries(COUNTED.map((c, i) => [c, counts[i]]));
}

/**
 * countOnServer asks how many records of c this user may list, for the progress bar; 0 when
 * unknown.
 * @param {string} c
 */
async function countOnServer(c) {
    try {
        const res = await call("GET", `/api/collections/${encodeURIComponent(c)}/records?perPage=1&fields=id`);
        return res.totalItems || 0;
    } catch {
        return 0;
    }
}
