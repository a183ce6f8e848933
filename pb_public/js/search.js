// @ts-check
// Local full-text search: accent-insensitive French normalisation and a prebuilt index over the
// records held in IndexedDB. Pure: no DOM, no IndexedDB, tested with node --test.

const LIGATURES = { "œ": "oe", "æ": "ae", "ß": "ss" };

/**
 * normalise folds text for matching: lower case, accents and ligatures removed, apostrophes
 * and punctuation turned into spaces, spaces collapsed. "L'Île-Saint-Denis" → "l ile saint denis".
 * @param {unknown} text
 * @returns {string}
 */
export function normalise(text) {
    if (text === null || text === undefined) {
        return "";
    }
    return String(text)
        .toLowerCase()
        .replace(/[œæß]/g, (c) => LIGATURES[/** @type {"œ"|"æ"|"ß"} */ (c)])
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/[^a-z0-9]+/g, " ")
        .trim();
}

/** Fields searched, per collection, most significant first. */
export const SEARCH_FIELDS = {
    initiatives: ["name", "description", "address", "openingHours"],
    events: ["title", "description", "place"],
    organisations: ["name", "description", "address"],
    offers: ["title", "description"],
};

/**
 * @typedef {{c: string, id: string, text: string, row: Record<string, any>}} IndexEntry
 */

/**
 * buildIndex prepares rows for search: each entry keeps the row and its normalised text with a
 * leading space, so that a word prefix is found with includes(" " + token).
 * @param {Array<{c: string, id: string, view: Record<string, any>}>} rows
 * @returns {IndexEntry[]}
 */
export function buildIndex(rows) {
    const out = [];
    for (const row of rows) {
        const fields = SEARCH_FIELDS[/** @type {keyof typeof SEARCH_FIELDS} */ (row.c)] || ["name", "title"];
        const parts = fields.map((f) => row.view[f]).filter(Boolean);
        out.push({ c: row.c, id: row.id, text: " " + normalise(parts.join(" ")), row: row.view });
    }
    return out;
}

/**
 * search returns the entries whose text holds every word of query as a word prefix, in index
 * order; an empty query returns them all. limit bounds the answer (0 = no bound).
 * @param {IndexEntry[]} index
 * @param {string} query
 * @param {number} [limit]
 * @returns {IndexEntry[]}
 */
export function search(index, query, limit = 0) {
    const tokens = normalise(query).split(" ").filter(Boolean).map((t) => " " + t);
    const out = [];
    for (const entry of index) {
        if (tokens.every((t) => entry.text.includes(t))) {
            out.push(entry);
            if (limit > 0 && out.length >= limit) {
                break;
            }
        }
    }
    return out;
}
