// @ts-check
// IndexedDB, one database per signed-in user ("maillage-<userId>", "maillage-anon" signed out):
// meta (clientId, next mseq, cursor, acked), records (server state and local view per
// collection and id), outbox, journal, blobs. Upgrade steps are applied in order; add new
// steps at the end and never clear outbox, journal or blobs.

/** Ordered upgrade steps: step i brings the database from version i to i+1. */
const UPGRADES = [
    (/** @type {IDBDatabase} */ db) => {
        db.createObjectStore("meta", { keyPath: "k" });
        const records = db.createObjectStore("records", { keyPath: ["c", "id"] });
        records.createIndex("c", "c");
        const outbox = db.createObjectStore("outbox", { keyPath: "mseq" });
        outbox.createIndex("rec", ["c", "id"]);
        db.createObjectStore("journal", { keyPath: "mseq" });
        db.createObjectStore("blobs", { keyPath: "id" });
    },
];

/**
 * dbName is the name of the database of a user ("" when signed out).
 * @param {string} userId
 */
export function dbName(userId) {
    return "maillage-" + (userId || "anon");
}

/**
 * openDb opens (and upgrades) the database called name.
 * @param {string} name
 * @returns {Promise<IDBDatabase>}
 */
export function openDb(name) {
    return new Promise((resolve, reject) => {
        const open = indexedDB.open(name, UPGRADES.length);
        open.onupgradeneeded = (ev) => {
            for (let v = ev.oldVersion; v < UPGRADES.length; v++) {
                UPGRADES[v](open.result);
            }
        };
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
        open.onblocked = () => reject(new Error("the local database is open in an older tab: close it and reload"));
    });
}

/**
 * deleteDb removes a user's database (sign-out).
 * @param {string} name
 * @returns {Promise<void>}
 */
export function deleteDb(name) {
    return new Promise((resolve, reject) => {
        const del = indexedDB.deleteDatabase(name);
        del.onsuccess = () => resolve();
        del.onerror = () => reject(del.error);
        del.onblocked = () => resolve();
    });
}

/**
 * req turns an IDBRequest into a promise.
 * @template T
 * @param {IDBRequest<T>} r
 * @returns {Promise<T>}
 */
export function req(r) {
    return new Promise((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
    });
}

/**
 * tx runs fn in one transaction over stores and resolves with fn's result once the
 * transaction committed: nothing fn wrote is visible (or lost) halfway.
 * @template T
 * @param {IDBDatabase} db
 * @param {string[]} stores
 * @param {IDBTransactionMode} mode
 * @param {(t: IDBTransaction) => Promise<T>} fn
 * @returns {Promise<T>}
 */
export function tx(db, stores, mode, fn) {
    return new Promise((resolve, reject) => {
        const t = db.transaction(stores, mode);
        /** @type {T} */
        let result;
        t.oncomplete = () => resolve(result);
        t.onerror = () => reject(t.error);
        t.onabort = () => reject(t.error || new Error("transaction aborted"));
        fn(t).then((r) => { result = r; }, (err) => {
            try { t.abort(); } catch { /* already finished */ }
            reject(err);
        });
    });
}

/**
 * getMeta reads one meta value, or fallback.
 * @param {IDBDatabase} db
 * @param {string} k
 * @param {any} [fallback]
 */
export async function getMeta(db, k, fallback = null) {
    const row = await req(db.transaction("meta").objectStore("meta").get(k));
    return row ? row.v : fallback;
}

/**
 * setMeta writes one meta value.
 * @param {IDBDatabase} db
 * @param {string} k
 * @param {any} v
 */
export function setMeta(db, k, v) {
    return tx(db, ["meta"], "readwrite", async (t) => {
        await req(t.objectStore("meta").put({ k, v }));
    });
}

/**
 * views returns the local views of every record of collection c that exists locally.
 * @param {IDBDatabase} db
 * @param {string} c
 * @returns {Promise<Array<Record<string, any>>>}
 */
export async function views(db, c) {
    const rows = await req(db.transaction("records").objectStore("records").index("c").getAll(c));
    return rows.filter((r) => r.view).map((r) => r.view);
}

/**
 * row returns the stored row {c, id, rev, server, view} of a record, or undefined.
 * @param {IDBDatabase} db
 * @param {string} c
 * @param {string} id
 */
export function row(db, c, id) {
    return req(db.transaction("records").objectStore("records").get([c, id]));
}

/**
 * count returns how many records of collection c are stored.
 * @param {IDBDatabase} db
 * @param {string} c
 */
export function count(db, c) {
    return req(db.transaction("records").objectStore("records").index("c").count(c));
}
