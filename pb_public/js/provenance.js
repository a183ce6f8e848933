// @ts-check
// Where an imported record comes from: its source's name, licence and attribution. The
// credits of every source come from GET /api/maillage/sources and are kept in localStorage,
// so that a detail page credits its data offline too. Pure functions, tested with node.

/** @typedef {{name: string, licence: string, attribution: string}} SourceCredit */

/** CREDITS_KEY is where the last credits seen are kept. */
export const CREDITS_KEY = "maillage.sources";

/**
 * readCredits returns the credits last kept in storage, by source name (none when unreadable).
 * @param {Pick<Storage, "getItem">} storage
 * @returns {Map<string, SourceCredit>}
 */
export function readCredits(storage) {
    try {
        return byName(JSON.parse(storage.getItem(CREDITS_KEY) || "[]"));
    } catch {
        return new Map();
    }
}

/**
 * storeCredits keeps the sources of a GET /api/maillage/sources answer and returns them by name.
 * @param {Pick<Storage, "setItem">} storage
 * @param {any} body
 * @returns {Map<string, SourceCredit>}
 */
export function storeCredits(storage, body) {
    const list = Array.isArray(body && body.sources) ? body.sources : [];
    storage.setItem(CREDITS_KEY, JSON.stringify(list));
    return byName(list);
}

/**
 * @param {any} list
 * @returns {Map<string, SourceCredit>}
 */
function byName(list) {
    const out = new Map();
    for (const c of Array.isArray(list) ? list : []) {
        if (c && typeof c.name === "string") {
            out.set(c.name, { name: c.name, licence: String(c.licence || ""), attribution: String(c.attribution || "") });
        }
    }
    return out;
}

/**
 * provenanceParts returns the lines that credit rec's source: its name, then its licence and
 * attribution when known; none for a record made in Maillage (no source).
 * @param {Record<string, any>} rec
 * @param {Map<string, SourceCredit>} credits
 * @param {(k: string, p?: any) => string} t
 * @returns {string[]}
 */
export function provenanceParts(rec, credits, t) {
    const name = String(rec.source || "");
    if (!name) {
        return [];
    }
    const c = credits.get(name);
    return [
        t("detail.source", { name }),
        c && c.licence ? t("detail.licence", { licence: c.licence }) : "",
        c && c.attribution ? c.attribution : "",
    ].filter(Boolean);
}
