// @ts-check
// The sync client of docs/sync.md, the same algorithm as the Go reference client
// (mobile_sync/client): pull (a reset re-snapshots the listed collections, keeping the
// outbox), push the outbox (photos first), pull again. One tab leads (leader.js).
import { call, ApiError } from "./api.js";
import { count, getMeta, req, setMeta, tx } from "./db.js";
import { acknowledge, newId, pending, requeueLost, setState } from "./outbox.js";
import { rebase } from "./rebase.js";
import { uploadBlob } from "./media.js";

const PAGE = 500;
const PUSH_BATCH = 100;

/**
 * @typedef {{c: string, done: number, total: number}} Progress
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
     * pullOnce pulls one page and returns whether more are waiting.
     * @param {Record<string, number>|null} [totals] counts to report progress against
     */
    async pullOnce(totals = null) {
        const body = { clientId: await this.clientId(), cursor: await getMeta(this.db, "cursor", ""), limit: PAGE, collections: [] };
        const res = await call("POST", "/api/sync/pull", body);
        if (res.reset) {
            for (const c of res.reset.collections) {
                await this.snapshot(c);
            }
        }
        const touched = await this.apply(res.changes || []);
        if (totals) {
            await this.report(touched, totals);
        }
        if (!res.cursor) {
            throw new ApiError(502, "the server sent no cursor: try again later");
        }
        await setMeta(this.db, "cursor", res.cursor);
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
     * apply stores a page of changes in one transaction, recomputing each view over the
     * outbox (read once per page); returns the collections touched. Puts are queued without
     * waiting for each other: a first sync writes thousands of rows.
     * @param {Array<{c: string, op: string, id: string, rev: number, r?: any}>} changes
     */
    apply(changes) {
        if (changes.length === 0) {
            return Promise.resolve([]);
        }
        return tx(this.db, ["records", "outbox"], "readwrite", async (t) => {
            const mine = groupByRecord(await req(t.objectStore("outbox").getAll()));
            const records = t.objectStore("records");
            for (const ch of changes) {
                if (ch.op === "put") {
                    records.put({ c: ch.c, id: ch.id, rev: ch.rev, server: ch.r, view: rebase(ch.r, mine.get(ch.c + "/" + ch.id) || []) });
                } else {
                    await removeServerRow(t, ch.c, ch.id);
                }
            }
            return [...new Set(changes.map((ch) => ch.c))];
        });
    }

    /**
     * snapshot replaces the server state of collection c page by page, with progress.
     * @param {string} c
     */
    async snapshot(c) {
        const total = await countOnServer(c);
        const clientId = await this.clientId();
        await this.clearServerRows(c);
        let done = 0;
        const q = { clientId, collection: c, snapshotSeq: 0, afterId: "", limit: PAGE };
        for (;;) {
            const page = await call("POST", "/api/sync/snapshot", q);
            await this.storeSnapshotPage(c, page.records || []);
            done += (page.records || []).length;
            this.opts.onProgress?.({ c, done, total: Math.max(total, done) });
            if (page.done || !page.nextAfterId || page.nextAfterId === q.afterId) {
                return;
            }
            q.snapshotSeq = page.snapshotSeq;
            q.afterId = page.nextAfterId;
        }
    }

    /**
     * clearServerRows forgets the server state of c, keeping records with pending mutations.
     * @param {string} c
     */
    clearServerRows(c) {
        return tx(this.db, ["records", "outbox"], "readwrite", async (t) => {
            const rows = await req(t.objectStore("records").index("c").getAll(c));
            for (const r of rows) {
                await removeServerRow(t, c, r.id);
            }
        });
    }

    /**
     * storeSnapshotPage writes one snapshot page in one transaction.
     * @param {string} c
     * @param {Array<{id: string, rev: number, r: any}>} records
     */
    storeSnapshotPage(c, records) {
        return tx(this.db, ["records", "outbox"], "readwrite", async (t) => {
            const mine = await req(t.objectStore("outbox").getAll());
            const store = t.objectStore("records");
            for (const rec of records) {
                const own = mine.filter((m) => m.c === c && m.id === rec.id);
                store.put({ c, id: rec.id, rev: rec.rev, server: rec.r, view: rebase(rec.r, own) });
            }
        });
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
