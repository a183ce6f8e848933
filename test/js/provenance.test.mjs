// Crediting an imported record's source on its detail page, from the credits kept offline.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CREDITS_KEY, provenanceParts, readCredits, storeCredits } from "../../pb_public/js/provenance.js";

/** memoryStorage is a localStorage stand-in. */
function memoryStorage() {
    const m = new Map();
    return { getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)) };
}

const t = (key, p = {}) => `${key}(${Object.values(p).join(",")})`;

test("a record from a source shows its name, licence and attribution", () => {
    const storage = memoryStorage();
    storeCredits(storage, { sources: [{ name: "france-services", licence: "Licence Ouverte", attribution: "ANCT" }] });
    const credits = readCredits(storage); // as read again offline
    assert.deepEqual(provenanceParts({ source: "france-services" }, credits, t),
        ["detail.source(france-services)", "detail.licence(Licence Ouverte)", "ANCT"]);
});

test("a source not (yet) in the credits still shows its name; a record made in Maillage shows nothing", () => {
    assert.deepEqual(provenanceParts({ source: "maillage-demo" }, new Map(), t), ["detail.source(maillage-demo)"]);
    assert.deepEqual(provenanceParts({ source: "" }, new Map(), t), []);
    assert.deepEqual(provenanceParts({}, new Map(), t), []);
});

test("unreadable kept credits or answers give no credit rather than an error", () => {
    const storage = memoryStorage();
    storage.setItem(CREDITS_KEY, "{not json");
    assert.equal(readCredits(storage).size, 0);
    assert.equal(storeCredits(storage, { message: "error" }).size, 0);
    assert.equal(storeCredits(storage, { sources: [null, { licence: "x" }, { name: "ok" }] }).size, 1);
});

test("a merged record credits every source of its values, each once", () => {
    const credits = new Map([["carte-a", { name: "carte-a", licence: "ODbL", attribution: "© A" }]]);
    const rec = { source: "carte-a", provenance: [
        { source: "carte-a", externalId: "1" },
        { source: "carte-b", externalId: "x9", licence: "Licence Ouverte", attribution: "B" },
        { source: "carte-b", externalId: "x10" },
    ] };
    assert.deepEqual(provenanceParts(rec, credits, t), ["detail.source(carte-a)", "detail.licence(ODbL)", "© A",
        "detail.source(carte-b)", "detail.licence(Licence Ouverte)", "B"]);
    assert.deepEqual(provenanceParts({ source: "", provenance: [{ source: "carte-b", externalId: "1" }] }, new Map(), t),
        ["detail.source(carte-b)"], "a hand-made record merged with an imported one credits the import");
});

test("a record received from the fediverse links to its origin; others do not", async () => {
    const { originURL } = await import("../../pb_public/js/provenance.js");
    const id = "https://mobilizon.example/events/1";
    assert.equal(originURL({ source: "fediverse:@groupe@mobilizon.example", externalId: id }), id);
    assert.equal(originURL({ source: "fediverse:@groupe@mobilizon.example", externalId: id, registrationUrl: "https://mobilizon.example/e/1" }),
        "https://mobilizon.example/e/1", "the page the object named first");
    assert.equal(originURL({ source: "fediverse:@g@h", externalId: "javascript:alert(1)" }), "", "only http(s) addresses");
    assert.equal(originURL({ source: "carte-a", externalId: id }), "", "another import");
    assert.equal(originURL({ externalId: id }), "", "a record made in Maillage");
});
