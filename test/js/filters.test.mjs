// The list's filters (pb_public/js/filters.js) over a small search index.
import { test } from "node:test";
import assert from "node:assert/strict";
import { filter } from "../../pb_public/js/filters.js";
import { buildIndex } from "../../pb_public/js/search.js";

const cats = new Map([["food", { parent: "" }], ["gardens", { parent: "food" }], ["bikes", { parent: "" }]]);
const index = buildIndex([
    { c: "initiatives", id: "g", view: { name: "Jardin partagé", categories: ["gardens"], commune: "sd", geo: { lon: 2.3600, lat: 48.9360 }, openingHours: "Mo-Fr 09:00-18:00" } },
    { c: "initiatives", id: "b", view: { name: "Atelier vélo", categories: ["bikes"], commune: "au", geo: { lon: 2.3830, lat: 48.9140 }, openingHours: "Sa 10:00-12:00" } },
    { c: "events", id: "e", view: { title: "Fête du jardin", categories: ["food"], commune: "sd" } },
    { c: "offers", id: "o", view: { title: "Vélo à donner", categories: [], geo: { lon: 0, lat: 0 } } },
]);
const none = { q: "", type: "", cat: "", commune: "", km: 0, open: false };
const ids = (/** @type {any} */ f, here = null, now = new Date(2026, 10, 30, 10, 0)) => filter(index, { ...none, ...f }, cats, here, now).map((e) => e.id);

test("no filter keeps everything; the query is accent-insensitive", () => {
    assert.deepEqual(ids({}), ["g", "b", "e", "o"]);
    assert.deepEqual(ids({ q: "velo" }), ["b", "o"]);
});

test("type, category (a parent includes its sub-categories) and commune", () => {
    assert.deepEqual(ids({ type: "events" }), ["e"]);
    assert.deepEqual(ids({ cat: "food" }), ["g", "e"]);
    assert.deepEqual(ids({ cat: "gardens" }), ["g"]);
    assert.deepEqual(ids({ commune: "sd" }), ["g", "e"]);
});

test("distance needs a position and a real point (0,0 is no point)", () => {
    const here = { lon: 2.3600, lat: 48.9350 };
    assert.deepEqual(ids({ km: 1 }, here), ["g"]);
    assert.deepEqual(ids({ km: 5 }, here), ["g", "b"]);
    assert.deepEqual(ids({ km: 5 }, null), [], "no position, nothing claims to be near");
});

test("open now uses the opening hours at the given time; unknown hours are left out", () => {
    assert.deepEqual(ids({ open: true }, null, new Date(2026, 10, 30, 10, 0)), ["g"], "Monday 10:00");
    assert.deepEqual(ids({ open: true }, null, new Date(2026, 11, 5, 11, 0)), ["b"], "Saturday 11:00");
    assert.deepEqual(ids({ open: true }, null, new Date(2026, 10, 29, 11, 0)), [], "Sunday");
});
