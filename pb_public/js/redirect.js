// @ts-check
// Following a merged record. When moderators merge two records, the one not kept becomes a
// redirect (soft-deleted, mergedInto the kept one): devices that knew it, and links to it,
// follow to the kept record (docs/interop.md, "Duplicates").
import { call } from "./api.js";

/**
 * keptRecord returns the id of the record that collection c's record id was merged into: from
 * the device's own copy when it has one (a moderator's device keeps merged-away records), else
 * from the server when online; "" when there is nothing to follow.
 * @param {string} c
 * @param {string} id
 * @param {Record<string, any>|undefined} local the device's copy of the record, if any
 * @returns {Promise<string>}
 */
export async function keptRecord(c, id, local) {
    if (local && typeof local.mergedInto === "string" && local.mergedInto) {
        return local.mergedInto;
    }
    if (!navigator.onLine) {
        return "";
    }
    try {
        const res = await call("GET", `/api/maillage/redirect/${encodeURIComponent(c)}/${encodeURIComponent(id)}`);
        return res && typeof res.id === "string" ? res.id : "";
    } catch {
        return ""; // never merged, or the kept record is not for this user: "not found" stands
    }
}
