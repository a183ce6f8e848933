// @ts-check
// The line of a detail page that credits an imported record's source (name, licence,
// attribution): drawn at once from the credits kept on the device, updated when this page
// load's fetch of GET /api/maillage/sources answers.
import { call } from "../api.js";
import { origins, provenanceParts, readCredits, storeCredits } from "../provenance.js";
import { h } from "./dom.js";

/** @type {Promise<Map<string, import("../provenance.js").SourceCredit>> | null} */
let fresh = null;

/**
 * creditLine returns the paragraph crediting rec's source, or null for a record made in
 * Maillage.
 * @param {Record<string, any>} rec
 * @param {(k: string, p?: any) => string} t
 */
export function creditLine(rec, t) {
    if (origins(rec).length === 0) {
        return null;
    }
    const el = h("p", { class: "meta provenance", "data-testid": "detail-provenance" },
        provenanceParts(rec, readCredits(localStorage), t).join(" · "));
    refresh().then((credits) => {
        el.textContent = provenanceParts(rec, credits, t).join(" · ");
    }, () => { /* offline: the kept credits stay */ });
    return el;
}

/** refresh fetches the credits once per page load (again after a failure) and keeps them. */
function refresh() {
    if (!fresh) {
        fresh = call("GET", "/api/maillage/sources").then((body) => storeCredits(localStorage, body));
        fresh.catch(() => {
            fresh = null;
        });
    }
    return fresh;
}
