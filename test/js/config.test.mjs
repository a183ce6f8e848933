// The server's public settings (config.js): a start with settings kept never waits for the
// network (an offline start drew nothing until the request's 30 s timeout when the network did
// not answer), and the server's answer still refreshes them.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { serve } from "./fake-server.mjs";

// PWA_JS=<dir>/ runs the tests against other modules (the negative control: the config.js
// before the fix waits for the server, and the first test fails on its own timeout).
const JS = process.env.PWA_JS || "../../pb_public/js/";
const { TIMEOUTS } = await import(JS + "api.js");
const { loadConfig } = await import(JS + "config.js");

const KEY = "maillage.config";
const kept = { tileUrl: "https://tiles.example/{z}/{x}/{y}.png", tileAttribution: "© kept", currencyName: "", basemap: null };
const basemap = { type: "vector", url: "/api/maillage/basemap/{z}/{x}/{y}.mvt", tilejson: "/api/maillage/basemap.json",
    sizeUrl: "/api/maillage/basemap/size", minZoom: 0, maxZoom: 14, bounds: [2.26, 48.88, 2.45, 48.99], attribution: "IGN" };
const fresh = { tileUrl: "https://new.example/{z}/{x}/{y}.png", tileAttribution: "© new", currencyName: "la Pêche", basemap };

/** storage stands for the browser's localStorage, holding settings when given. */
function storage(settings) {
    const items = new Map(settings ? [[KEY, JSON.stringify(settings)]] : []);
    globalThis.localStorage = /** @type {any} */ ({
        getItem: (k) => (items.has(k) ? items.get(k) : null),
        setItem: (k, v) => { items.set(k, String(v)); },
    });
    return items;
}

/** deferred returns a promise and the function that resolves it. */
function deferred() {
    let resolve = (/** @type {any} */ _v) => {};
    const promise = new Promise((r) => { resolve = r; });
    return { promise, resolve };
}

// The server that does not answer answers once every test ran, so that no request is left
// pending (its timer would keep the process alive).
const silent = deferred();
after(() => silent.resolve(kept));

test("with settings kept, a server that does not answer is not waited for", { timeout: 5_000 }, async () => {
    Object.assign(TIMEOUTS, { request: 1e9 });
    storage(kept);
    const seen = serve(() => silent.promise);
    assert.deepEqual(await loadConfig(), kept);
    assert.deepEqual(seen, ["GET /api/maillage/config"], "it still asks, for the next start");
});

test("with settings kept, the server's answer refreshes them in place and for the next start", { timeout: 5_000 }, async () => {
    const items = storage(kept);
    const answer = deferred();
    const asked = deferred();
    serve(() => { asked.resolve(); return answer.promise; });
    const cfg = await loadConfig();
    assert.deepEqual(cfg, kept, "the kept settings at once");
    await asked.promise;
    answer.resolve(fresh);
    while (cfg.tileUrl === kept.tileUrl) { // the refresh lands a few turns later; the test's timeout bounds this
        await new Promise((r) => setImmediate(r));
    }
    assert.deepEqual(cfg, fresh, "views drawn after the answer use the new settings");
    assert.deepEqual(JSON.parse(items.get(KEY)), fresh);
});

test("a first visit waits for the server and keeps its answer", async () => {
    const items = storage(null);
    serve(() => ({ ...fresh, extra: "ignored" }));
    assert.deepEqual(await loadConfig(), fresh);
    assert.equal(JSON.parse(items.get(KEY)).tileUrl, fresh.tileUrl);
});

test("a first visit offline has empty settings", async () => {
    storage(null);
    serve(() => { throw new TypeError("Failed to fetch"); });
    assert.deepEqual(await loadConfig(), { tileUrl: "", tileAttribution: "", currencyName: "", basemap: null });
});

test("a base map the server no longer serves is forgotten at the next answer", { timeout: 5_000 }, async () => {
    const items = storage(fresh);
    serve(() => ({ ...fresh, basemap: null }));
    const cfg = await loadConfig();
    assert.deepEqual(cfg.basemap, basemap, "the kept base map at once");
    while (cfg.basemap !== null) { // the refresh lands a few turns later; the test's timeout bounds this
        await new Promise((r) => setImmediate(r));
    }
    assert.equal(JSON.parse(items.get(KEY)).basemap, null);
});
