// @ts-check
// A detail page's structured data: the record's schema.org JSON-LD (jsonld.js) in a
// <script type="application/ld+json">, built from what the device holds, so it is there offline
// too: categories and organisations from IndexedDB, the communes, the sources' credits
// (provenance.js) and the territory's licence and address kept from GET /api/maillage/config.
// A JSON-LD script element is data, not script: a Content-Security-Policy without inline
// scripts leaves it alone.
import { communes, records } from "../data.js";
import { views } from "../db.js";
import { licenceURL, toJSONLD } from "../jsonld.js";
import { readCredits } from "../provenance.js";

/** CONFIG_KEY is where config.js keeps the server's public settings as the server wrote them. */
const CONFIG_KEY = "maillage.config";

/**
 * structuredData returns the script element holding the JSON-LD of rec, of collection c.
 * @param {IDBDatabase} db
 * @param {string} c
 * @param {Record<string, any>} rec
 */
export async function structuredData(db, c, rec) {
    const el = document.createElement("script");
    el.type = "application/ld+json";
    el.dataset.testid = "detail-jsonld";
    // "<" escaped, so that the text stays data however the page is later serialised.
    el.textContent = JSON.stringify(toJSONLD(c, rec, await readRefs(db))).replace(/</g, "\\u003c");
    return el;
}

/**
 * readRefs gathers what the mapping names: the same public names the server's export uses.
 * @param {IDBDatabase} db
 * @returns {Promise<import("../jsonld.js").Refs>}
 */
async function readRefs(db) {
    const cfg = savedConfig();
    const [cats, towns, orgs] = await Promise.all([views(db, "categories"), communes(db), records(db, "organisations")]);
    /** @type {Record<string, import("../jsonld.js").Licence>} */
    const sources = {};
    for (const [name, credit] of readCredits(localStorage)) {
        if (credit.licence) {
            sources[name] = { id: credit.licence, url: licenceURL(credit.licence), attribution: credit.attribution };
        }
    }
    const licence = cfg.dataLicence || "ODbL-1.0";
    return {
        base: String(cfg.appUrl || location.origin).replace(/\/+$/, ""),
        licence: { id: licence, url: cfg.dataLicenceUrl || licenceURL(licence), attribution: cfg.dataAttribution || "Contributeurs de Maillage" },
        sources,
        categories: Object.fromEntries(cats.map((r) => [r.id, r.nameFr || r.slug])),
        communes: Object.fromEntries(towns.map((t) => [t.id, { name: t.name, code: t.code }])),
        organisations: Object.fromEntries(orgs.filter((o) => o.visibility === "public" && o.status === "published")
            .map((o) => [o.id, o.name])),
    };
}

/** savedConfig is the server's public settings last kept, {} before the first visit online. */
function savedConfig() {
    try {
        return JSON.parse(localStorage.getItem(CONFIG_KEY) || "{}") || {};
    } catch {
        return {};
    }
}
