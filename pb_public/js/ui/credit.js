// @ts-check
// The line of a detail page that credits an imported record's source (name, licence,
// attribution, and for a record received from the fediverse a link to its origin): drawn at
// once from the credits kept on the device, updated when this page load's fetch of
// GET /api/maillage/sources answers.
import { call } from "../api.js";
import { originURL, origins, provenanceParts, readCredits, storeCredits } from "../provenance.js";
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
    const text = h("span", {}, provenanceParts(rec, readCredits(localStorage), t).join(" · "));
    const url = originURL(rec);
    const origin = url ? [" · ", h("a", { href: url, rel: "noopener", target: "_blank", "data-testid": "detail-origin" }, t("detail.origin"))] : [];
    refresh().then((credits) => {
        text.textContent = provenanceParts(rec, credits, t).join(" · ");
    }, () => { /* offline: the kept credits stay */ });
    return h("p", { class: "meta provenance", "data-testid": "detail-provenance" }, text, ...origin);
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
