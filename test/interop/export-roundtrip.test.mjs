// Round trip of the open data exports: the real binary on the demo territory, each export read
// back by an independent parser from npm (@placemarkio/check-geojson, papaparse, jsonld with an
// offline document loader, ical.js) and its values (names, coordinates, dates) compared with
// what the REST API answers the same anonymous reader; then the GeoJSON export imported again
// by Maillage's own importer in a dry run.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, test } from "node:test";
import { check } from "@placemarkio/check-geojson";
import ICAL from "ical.js";
import jsonld from "jsonld";
import Papa from "papaparse";
import { binary, startServer } from "../../e2e/harness.mjs";

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;

before(async () => {
    server = await startServer({ demo: true });
}, { timeout: 300_000 });

after(async () => {
    await server?.stop();
});

/** @param {string} path */
async function get(path) {
    const res = await fetch(server.url + path);
    assert.equal(res.status, 200, `GET ${path}: ${res.status}`);
    return res;
}

/**
 * rest lists every record of a collection as the REST API shows an anonymous reader, by id.
 * @param {string} c
 * @returns {Promise<Map<string, any>>}
 */
async function rest(c) {
    const body = await (await get(`/api/collections/${c}/records?perPage=500&skipTotal=1`)).json();
    return new Map(body.items.map((/** @type {any} */ r) => [r.id, r]));
}

/** @param {string} v a PocketBase date */
const instant = (v) => (v ? new Date(v.replace(" ", "T")).toISOString().slice(0, 19) + "Z" : "");
/** @param {number} x */
const round6 = (x) => Math.round(x * 1e6) / 1e6;

test("GeoJSON exports are valid RFC 7946 and hold the REST API's values", async () => {
    for (const c of ["initiatives", "organisations", "events", "offers"]) {
        const text = await (await get(`/api/maillage/export/${c}.geojson`)).text();
        const fc = check(text); // throws on any RFC 7946 error
        assert.equal(fc.licence, "ODbL-1.0");
        const records = await rest(c);
        assert.equal(fc.features.length, records.size, `${c}: one feature per public record`);
        for (const f of fc.features) {
            const r = records.get(f.id);
            assert.ok(r, `${c}/${f.id} is not readable through the REST API`);
            assert.equal(f.properties.name ?? f.properties.title, r.name ?? r.title);
            assert.equal(f.properties.updated, instant(r.updated));
            if (r.geo && (r.geo.lon || r.geo.lat)) {
                assert.deepEqual(f.geometry.coordinates, [round6(r.geo.lon), round6(r.geo.lat)], `${c}/${f.id} point`);
            } else {
                assert.equal(f.geometry, null);
            }
            if (c === "events") {
                assert.equal(f.properties.start, instant(r.start));
                assert.equal(f.properties.end, instant(r.end));
            }
        }
    }
});

test("CSV exports parse as one row per record with the REST API's values", async () => {
    for (const c of ["initiatives", "events", "offers"]) {
        const res = await get(`/api/maillage/export/${c}.csv`);
        assert.match(res.headers.get("link") || "", /rel="license"/);
        const parsed = Papa.parse(await res.text(), { header: true, skipEmptyLines: true });
        assert.deepEqual(parsed.errors, []);
        const records = await rest(c);
        assert.equal(parsed.data.length, records.size);
        for (const row of /** @type {any[]} */ (parsed.data)) {
            const r = records.get(row.id);
            assert.equal(row.name ?? row.title, r.name ?? r.title);
            assert.equal(row.licence, "ODbL-1.0");
            if (r.geo && (r.geo.lon || r.geo.lat)) {
                assert.deepEqual([Number(row.lon), Number(row.lat)], [round6(r.geo.lon), round6(r.geo.lat)]);
            }
            if (c === "events") {
                assert.equal(row.start, instant(r.start));
            }
        }
    }
});

/** Minimal contexts served offline: schema.org and ActivityStreams terms under their vocabularies. */
const CONTEXTS = {
    "https://schema.org": { "@context": { "@vocab": "https://schema.org/" } },
    "https://www.w3.org/ns/activitystreams": {
        "@context": { "@vocab": "https://www.w3.org/ns/activitystreams#", id: "@id", type: "@type" },
    },
};

/** @param {string} url */
async function documentLoader(url) {
    const doc = CONTEXTS[/** @type {keyof typeof CONTEXTS} */ (url.replace(/\/$/, ""))];
    if (!doc) {
        throw new Error("no offline context for " + url);
    }
    return { contextUrl: null, documentUrl: url, document: doc };
}

test("JSON-LD exports expand (schema.org) and name the REST API's records", async () => {
    const doc = await (await get("/api/maillage/export/initiatives.jsonld")).json();
    const expanded = await jsonld.expand(doc, { documentLoader });
    const list = expanded[0];
    assert.deepEqual(list["@type"], ["https://schema.org/ItemList"]);
    assert.equal(list["https://schema.org/license"][0]["@value"], "https://opendatacommons.org/licenses/odbl/1-0/");
    const records = await rest("initiatives");
    const items = list["https://schema.org/itemListElement"];
    assert.equal(items.length, records.size);
    for (const item of items) {
        const id = item["https://schema.org/identifier"][0]["@value"];
        const r = records.get(id);
        assert.equal(item["https://schema.org/name"][0]["@value"], r.name);
        const geo = item["https://schema.org/geo"][0];
        assert.equal(geo["https://schema.org/latitude"][0]["@value"], round6(r.geo.lat));
        assert.equal(geo["https://schema.org/longitude"][0]["@value"], round6(r.geo.lon));
        const one = await (await get(`/api/maillage/jsonld/initiatives/${id}`)).json();
        assert.equal(one.name, r.name);
    }
});

test("the activity collection expands (ActivityStreams 2.0), newest public items first", async () => {
    const root = await (await get("/api/maillage/activity")).json();
    assert.equal(root.type, "OrderedCollection");
    const page = await (await get(new URL(root.first).pathname + new URL(root.first).search)).json();
    assert.equal(page.type, "OrderedCollectionPage");
    const expanded = await jsonld.expand(page, { documentLoader });
    assert.ok(expanded.length === 1);
    const published = page.orderedItems.map((/** @type {any} */ a) => a.published);
    assert.deepEqual([...published].sort().reverse(), published);
    for (const a of page.orderedItems) {
        assert.equal(a.type, "Create");
        assert.ok(["Place", "Event", "Note", "Organization"].includes(a.object.type));
    }
});

test("the events feed reads back in ical.js with the REST API's events", async () => {
    const res = await get("/api/maillage/export/events.ics");
    const comp = new ICAL.Component(ICAL.parse(await res.text()));
    const records = await rest("events");
    const vevents = comp.getAllSubcomponents("vevent");
    assert.equal(vevents.length, records.size);
    assert.ok(comp.getAllSubcomponents("vtimezone").length > 0);
    for (const v of vevents) {
        const ev = new ICAL.Event(v);
        const r = records.get(ev.uid.split("@")[0]);
        assert.equal(ev.summary, r.title);
        assert.equal(ev.startDate.toJSDate().toISOString().slice(0, 19) + "Z", instant(r.start));
        assert.equal(Boolean(v.getFirstPropertyValue("rrule")), Boolean(r.rrule));
    }
});

test("Maillage's importer reads its own GeoJSON export back (dry run)", async () => {
    const text = await (await get("/api/maillage/export/initiatives.geojson")).text();
    const n = JSON.parse(text).features.length;
    const bin = await binary();
    const out = await new Promise((resolve, reject) => {
        const child = execFile(bin, ["import", "--format", "geojson", "--collection", "initiatives", "--source", "roundtrip",
            "--dry-run", "--dir", server.dataDir, "-"], { maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
            if (err) {
                reject(new Error(`import: ${err.message}\n${stderr}`));
            } else {
                resolve(stdout);
            }
        });
        child.stdin?.end(text);
    });
    const summary = JSON.parse(String(out).trim().split("\n").pop() || "{}");
    assert.deepEqual(summary.errors, []);
    assert.equal(summary.created + summary.updated + summary.skipped, n, JSON.stringify(summary));
    assert.equal(summary.skipped, 0);
});
