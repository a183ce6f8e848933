// @ts-check
// Settling a sync conflict (a syncConflicts row, synced to its author): "reapplied" queues the
// user's value again and closes the row, "dismissed" only closes it. Both go through the
// outbox in one transaction, so they work offline and nothing is half done.
import { row } from "./db.js";
import { enqueueAll } from "./outbox.js";

/** The collection holding values that lost a conflict. */
export const CONFLICTS = "syncConflicts";

/**
 * @typedef {{id: string, collection: string, recordId: string, kind: string, field?: string,
 *   clientValue: any, serverValue: any, message?: string, status: string}} Conflict
 */

/**
 * reapplyChange returns the change that re-applies the user's value of conflict: one field
 * for a field conflict, every sent field otherwise; a create when the record is not (or no
 * longer) in the local data.
 * @param {Conflict} conflict
 * @param {boolean} recordExists
 * @returns {import("./outbox.js").Change}
 */
export function reapplyChange(conflict, recordExists) {
    const fields = conflict.field
        ? { [conflict.field]: conflict.clientValue }
        : { ...(conflict.clientValue && typeof conflict.clientValue === "object" ? conflict.clientValue : {}) };
    delete fields.id;
    return { c: conflict.collection, id: conflict.recordId, op: recordExists ? "update" : "create", fields };
}

/**
 * settle closes conflict with status "reapplied" (queuing the user's value again) or
 * "dismissed". Returns the queued mutations.
 * @param {IDBDatabase} db
 * @param {Conflict} conflict
 * @param {"reapplied"|"dismissed"} status
 */
export async function settle(db, conflict, status) {
    if (status !== "reapplied" && status !== "dismissed") {
        throw new Error(`unknown conflict status ${status}: use reapplied or dismissed`);
    }
    const changes = [];
    if (status === "reapplied") {
        const target = await row(db, conflict.collection, conflict.recordId);
        changes.push(reapplyChange(conflict, Boolean(target && target.view)));
    }
    changes.push({ c: CONFLICTS, id: conflict.id, op: "update", fields: { status } });
    return enqueueAll(db, changes);
}

/**
 * openConflicts returns the user's conflict rows still open, newest first.
 * @param {Array<Record<string, any>>} rows the local views of syncConflicts
 * @param {string} userId
 */
export function openConflicts(rows, userId) {
    return rows.filter((r) => r.status === "open" && (!userId || r.author === userId))
        .sort((a, b) => String(b.created || "").localeCompare(String(a.created || "")));
}
