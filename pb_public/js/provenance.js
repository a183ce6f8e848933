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
 * origins lists the sources of rec's values, each once: its own source, then those of the
 * records moderators merged into it (rec.provenance, with the licence and attribution the
 * server knew at the merge); none for a record made in Maillage.
 * @param {Record<string, any>} rec
 * @returns {SourceCredit[]}
 */
export function origins(rec) {
    /** @type {SourceCredit[]} */
    const list = rec.source ? [{ name: String(rec.source), licence: "", attribution: "" }] : [];
    for (const p of Array.isArray(rec.provenance) ? rec.provenance : []) {
        if (p && typeof p.source === "string" && p.source && !list.some((o) => o.name === p.source)) {
            list.push({ name: p.source, licence: String(p.licence || ""), attribution: String(p.attribution || "") });
        }
    }
    return list;
}

/**
 * provenanceParts returns the lines that credit rec's sources: for each, its name, then its
 * licence and attribution when known; none for a record made in Maillage (no source).
 * @param {Record<string, any>} rec
 * @param {Map<string, SourceCredit>} credits
 * @param {(k: string, p?: any) => string} t
 * @returns {string[]}
 */
export function provenanceParts(rec, credits, t) {
    return origins(rec).flatMap((o) => {
        const c = credits.get(o.name) || o;
        return [
            t("detail.source", { name: o.name }),
            c.licence ? t("detail.licence", { licence: c.licence }) : "",
            c.attribution,
        ].filter(Boolean);
    });
}

/** FEDIVERSE begins the source of every record received from a followed fediverse actor. */
export const FEDIVERSE = "fediverse:";

/**
 * originURL returns where a record received from the fediverse lives at its origin: the page
 * its object named (an event's registrationUrl, a place's website), else its ActivityPub id;
 * "" for any other record, or when none is an http(s) address.
 * @param {Record<string, any>} rec
 * @returns {string}
 */
export function originURL(rec) {
    if (!String(rec.source || "").startsWith(FEDIVERSE)) {
        return "";
    }
    const url = [rec.registrationUrl, rec.website, rec.externalId].map((u) => String(u || "")).find((u) => /^https?:\/\//.test(u));
    return url || "";
}
