// @ts-check
// The pure part of the moderators' duplicates view (views/duplicates.js): which fields of a
// pair differ, the choice each field starts with, and the merge request the choices make
// (POST /api/maillage/duplicates/{id}/merge, docs/interop.md "Duplicates").

/**
 * @typedef {{id: string, collection: string, score: number, reasons: Reasons, fields: string[],
 *   records: Record<string, any>[]}} Pair one open pair as GET /api/maillage/duplicates lists it
 * @typedef {{distance?: number, name: number, website?: boolean, phone?: boolean, email?: boolean}} Reasons
 * @typedef {"a"|"b"|"both"} Choice which record's value a field takes ("both": the union of two lists)
 */

/**
 * isEmpty tells a value that holds nothing (as the server does: false and 0 are values).
 * @param {any} v
 */
export function isEmpty(v) {
    if (v === null || v === undefined) {
        return true;
    }
    if (typeof v === "string") {
        return v.trim() === "";
    }
    if (Array.isArray(v)) {
        return v.length === 0;
    }
    if (typeof v === "object" && "lon" in v && "lat" in v) {
        return v.lon === 0 && v.lat === 0;
    }
    return typeof v === "object" && Object.keys(v).length === 0;
}

/**
 * same tells whether two field values are equal.
 * @param {any} a
 * @param {any} b
 */
export function same(a, b) {
    return (isEmpty(a) && isEmpty(b)) || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * shownFields lists the fields worth showing side by side: those where either record has a
 * value, in the server's order.
 * @param {Pair} pair
 */
export function shownFields(pair) {
    const [a, b] = pair.records;
    return pair.fields.filter((f) => !isEmpty(a[f]) || !isEmpty(b[f]));
}

/**
 * initialChoices: each differing field starts with the kept record's value, or the other's
 * when the kept one is empty (what the server does for a field the request leaves out).
 * @param {Pair} pair
 * @param {"a"|"b"} keep
 * @returns {Record<string, Choice>}
 */
export function initialChoices(pair, keep) {
    const other = keep === "a" ? "b" : "a";
    const rec = { a: pair.records[0], b: pair.records[1] };
    /** @type {Record<string, Choice>} */
    const out = {};
    for (const f of shownFields(pair)) {
        if (!same(rec.a[f], rec.b[f])) {
            out[f] = isEmpty(rec[keep][f]) ? other : keep;
        }
    }
    return out;
}

/**
 * mergeRequest writes the body of the merge: the kept record's id, for each field taken from
 * the other record that record's id, and for "both" the union of the two lists as a value.
 * @param {Pair} pair
 * @param {"a"|"b"} keep
 * @param {Record<string, Choice>} choices
 * @returns {{keep: string, fields: Record<string, string>, values: Record<string, any>}}
 */
export function mergeRequest(pair, keep, choices) {
    const rec = { a: pair.records[0], b: pair.records[1] };
    /** @type {Record<string, string>} */
    const fields = {};
    /** @type {Record<string, any>} */
    const values = {};
    for (const [f, choice] of Object.entries(choices)) {
        if (choice === "both") {
            values[f] = [...new Set([...(rec.a[f] || []), ...(rec.b[f] || [])])];
        } else {
            fields[f] = rec[choice].id;
        }
    }
    return { keep: rec[keep].id, fields, values };
}
