// @ts-check
// The local view of a record: the server's row with the pending outbox mutations laid over it,
// in mseq order. Pulled rows therefore rebase pending edits with no extra step. Pure.

/**
 * @typedef {{mseq: number, c: string, id: string, op: "create"|"update"|"delete",
 *   baseRev: number, base: Record<string, any>, fields: Record<string, any>, state?: string}} Mutation
 */

/** States of an outbox entry that still change the local view. */
export const PENDING_STATES = ["waiting", "sending"];

/**
 * rebase returns the view of a record: server (null when the server has no row) with every
 * pending mutation of that record applied in mseq order; null when the record does not exist
 * locally (never created, or deleted by a pending mutation).
 * @param {Record<string, any>|null} server
 * @param {Mutation[]} pending mutations of this record, any order
 * @returns {Record<string, any>|null}
 */
export function rebase(server, pending) {
    let view = server ? { ...server } : null;
    const ordered = pending.filter((m) => !m.state || PENDING_STATES.includes(m.state))
        .sort((a, b) => a.mseq - b.mseq);
    for (const m of ordered) {
        if (m.op === "delete") {
            view = null;
        } else if (m.op === "create") {
            view = { ...(view || {}), ...m.fields, id: m.id };
        } else if (view) {
            view = { ...view, ...m.fields };
        }
    }
    return view;
}

/**
 * changedFields returns the fields of after whose value differs from before (deep, by JSON).
 * @param {Record<string, any>} before
 * @param {Record<string, any>} after
 * @returns {Record<string, any>}
 */
export function changedFields(before, after) {
    const out = {};
    for (const [k, v] of Object.entries(after)) {
        if (JSON.stringify(v) !== JSON.stringify(before[k] ?? null)) {
            out[k] = v;
        }
    }
    return out;
}

/**
 * baseOf returns, for each changed field, its value in the local view the user edited: the
 * server's value, or that of an earlier pending edit, which the server will hold by the time
 * this mutation arrives (the Go reference client does the same).
 * @param {Record<string, any>|null} view
 * @param {Record<string, any>} fields
 * @returns {Record<string, any>}
 */
export function baseOf(view, fields) {
    const base = {};
    for (const k of Object.keys(fields)) {
        base[k] = view && k in view ? view[k] : null;
    }
    return base;
}
