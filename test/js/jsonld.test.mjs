// The PWA's schema.org mapping against the documents the server's mapping must write too
// (interop/export/testdata/jsonld: the records, and the expected documents the Go test checks).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { licenceURL, toJSONLD } from "../../pb_public/js/jsonld.js";

const dir = new URL("../../interop/export/testdata/jsonld/", import.meta.url);
const input = JSON.parse(readFileSync(new URL("records.json", dir), "utf8"));
const expected = JSON.parse(readFileSync(new URL("expected.json", dir), "utf8"));

test("the PWA writes each record's JSON-LD as the server does", () => {
    const refs = { base: input.base, licence: input.licence, sources: input.sources, categories: input.categories,
        communes: input.communes, organisations: input.organisations };
    let n = 0;
    for (const [c, recs] of Object.entries(input.records)) {
        for (const rec of recs) {
            assert.deepEqual(toJSONLD(c, rec, refs), expected[rec.id], `${c}/${rec.id}`);
            n += 1;
        }
    }
    assert.equal(n, Object.keys(expected).length);
});

test("a changed mapping fails the comparison (negative control)", () => {
    const refs = { base: input.base, licence: input.licence, sources: {}, categories: input.categories,
        communes: input.communes, organisations: input.organisations };
    const rec = input.records.initiatives[0];
    assert.notDeepEqual(toJSONLD("initiatives", rec, refs), expected[rec.id], "without its source's licence the document differs");
});

test("licence pages", () => {
    assert.equal(licenceURL("ODbL-1.0"), "https://opendatacommons.org/licenses/odbl/1-0/");
    assert.equal(licenceURL("https://example.org/licence"), "https://example.org/licence");
    assert.equal(licenceURL("MIT"), "https://spdx.org/licenses/MIT.html");
});
