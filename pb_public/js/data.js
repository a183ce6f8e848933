// @ts-check
// What the views read: the local records of a collection (IndexedDB, deleted ones left out),
// categories with their colours, the communes and their boundaries (fetched once and kept in
// IndexedDB, so that the map draws them offline), public profiles, and the search index. Read
// results are memoised until the session says the data changed.
import { call } from "./api.js";
import { getMeta, setMeta, views } from "./db.js";
import { locale } from "./i18n.js";
import { buildIndex } from "./search.js";

/** Collections the list and the search cover, in display order. */
export const SEARCHED = ["initiatives", "events", "organisations", "offers"];
const FALLBACK_COLOR = "#4a4a4a";

/** @type {WeakMap<IDBDatabase, Map<string, Promise<any>>>} */
const memo = new WeakMap();

/**
 * cached memoises fn's answer per database and key.
 * @template T
 * @param {IDBDatabase} db
 * @param {string} key
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
function cached(db, key, fn) {
    let m = memo.get(db);
    if (!m) {
        m = new Map();
        memo.set(db, m);
    }
    if (!m.has(key)) {
        m.set(key, fn().catch((err) => { m?.delete(key); throw err; }));
    }
    return m.get(key);
}

/**
 * invalidate forgets memoised reads after collections changed ("*" = everything).
 * @param {IDBDatabase} db
 * @param {string[]} what
 */
export function invalidate(db, what) {
    const m = memo.get(db);
    if (!m) {
        return;
    }
    for (const key of [...m.keys()]) {
        const base = key.split(":")[0];
        if (what.includes("*") || what.includes(base) || (base === "index" && what.some((c) => SEARCHED.includes(c)))) {
            m.delete(key);
        }
    }
}

/**
 * records returns the local, not deleted records of collection c.
 * @param {IDBDatabase} db
 * @param {string} c
 * @returns {Promise<Array<Record<string, any>>>}
 */
export function records(db, c) {
    return cached(db, c, async () => (await views(db, c)).filter((r) => !r.deleted));
}

/**
 * @typedef {{id: string, name: string, color: string, parent: string, slug: string}} Category
 */

/**
 * categories returns the categories by id, named in the current language; a sub-category
 * without a colour takes its parent's.
 * @param {IDBDatabase} db
 * @returns {Promise<Map<string, Category>>}
 */
export function categories(db) {
    return cached(db, "categories:" + locale(), async () => {
        const rows = await views(db, "categories");
        const byId = new Map(rows.map((r) => [r.id, r]));
        const en = locale() === "en";
        return new Map(rows.sort((a, b) => (a.order || 0) - (b.order || 0)).map((r) => [r.id, {
            id: r.id, slug: r.slug, parent: r.parent || "",
            name: (en ? r.nameEn : r.nameFr) || r.nameFr || r.slug,
            color: r.color || byId.get(r.parent)?.color || FALLBACK_COLOR,
        }]));
    });
}

/**
 * colorOf returns the colour of a record's first category.
 * @param {Map<string, Category>} cats
 * @param {Record<string, any>} rec
 */
export function colorOf(cats, rec) {
    const first = (rec.categories || []).map((/** @type {string} */ id) => cats.get(id)).find(Boolean);
    return first ? first.color : FALLBACK_COLOR;
}

/**
 * @typedef {{id: string, name: string, code: string, boundary: any, center: any}} Commune
 */

/**
 * communes returns the territory's communes with their boundaries: from IndexedDB, fetched
 * once from the server when missing (anyone may read them).
 * @param {IDBDatabase} db
 * @returns {Promise<Commune[]>}
 */
export function communes(db) {
    return cached(db, "communes", async () => {
        const kept = await getMeta(db, "communes");
        if (kept && kept.length > 0) {
            return kept;
        }
        try {
            const res = await call("GET", "/api/collections/communes/records?perPage=200&sort=name&fields=id,name,code,boundary,center");
            const list = res.items || [];
            await setMeta(db, "communes", list);
            return list;
        } catch {
            return [];
        }
    });
}

/**
 * profiles returns the public profiles: from the server when online (kept for offline), else
 * the last ones seen; stale tells which.
 * @param {IDBDatabase} db
 * @returns {Promise<{list: Array<Record<string, any>>, stale: boolean}>}
 */
export async function profiles(db) {
    try {
        const res = await call("GET", "/api/collections/users/records?perPage=200&sort=name&filter=" +
            encodeURIComponent('profileVisibility = "public"') + "&fields=id,name,bio,skills,commune,interests");
        await setMeta(db, "profiles", res.items || []);
        return { list: res.items || [], stale: false };
    } catch {
        return { list: await getMeta(db, "profiles", []), stale: true };
    }
}

/**
 * searchIndex returns the search index over every searched collection, built once per data
 * change.
 * @param {IDBDatabase} db
 */
export function searchIndex(db) {
    return cached(db, "index", async () => {
        const rows = [];
        for (const c of SEARCHED) {
            for (const view of await records(db, c)) {
                rows.push({ c, id: view.id, view });
            }
        }
        return buildIndex(rows);
    });
}

/**
 * titleOf returns a record's display name.
 * @param {Record<string, any>} rec
 */
export function titleOf(rec) {
    return rec.name || rec.title || rec.id;
}
