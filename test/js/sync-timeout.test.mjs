// A request that hangs fails after a timeout (api.js), and a failed sync lets the next one
// start (sync.js): one stalled connection no longer stops syncing until the page is reloaded.
import { test } from "node:test";
import assert from "node:assert/strict";
import { hang, serve } from "./fake-server.mjs";
import { freshDb } from "./helpers.mjs";
import { getMeta } from "../../pb_public/js/db.js";

// PWA_JS=<dir>/ runs the tests against other modules (the negative control: the api.js before
// the fix has no timeout, and these tests fail on their own timeout instead of passing).
const JS = process.env.PWA_JS || "../../pb_public/js/";
const { ApiError, TIMEOUTS = {}, call } = await import(JS + "api.js");
const { Syncer } = await import(JS + "sync.js");
const DEFAULTS = { ...TIMEOUTS };

test("the timeouts are 30 s for a request and longer for an upload", () => {
    assert.equal(DEFAULTS.request, 30_000);
    assert.ok(DEFAULTS.upload > DEFAULTS.request);
});

test("a request that never answers fails as transient once its timeout passed", { timeout: 5_000 }, async () => {
    Object.assign(TIMEOUTS, { request: 5, upload: 1e9 });
    serve((method, path, body, signal) => hang(signal));
    const err = await call("POST", "/api/sync/pull", {}).catch((e) => e);
    assert.ok(err instanceof ApiError, String(err));
    assert.equal(err.status, 0);
    assert.ok(err.transient);
    assert.match(err.message, /no answer from the server within 0.005 s/);
});

test("an upload gets the upload timeout, a JSON request the request one", { timeout: 5_000 }, async () => {
    Object.assign(TIMEOUTS, { request: 1e9, upload: 5 });
    serve((method, path, body, signal) => (body instanceof Blob ? hang(signal) : { ok: true }));
    await assert.rejects(call("PUT", "/api/sync/media/x", new Blob(["jpeg"])), /within 0.005 s/);
    assert.deepEqual(await call("POST", "/api/sync/pull", {}), { ok: true });
});

test("a request under way when the network goes fails at once as transient", { timeout: 5_000 }, async () => {
    Object.assign(TIMEOUTS, { request: 1e9, upload: 1e9 });
    const events = new EventTarget();
    Object.assign(globalThis, { addEventListener: events.addEventListener.bind(events), removeEventListener: events.removeEventListener.bind(events) });
    try {
        serve((method, path, body, signal) => hang(signal));
        const pending = call("GET", "/api/collections/communes/records").catch((e) => e);
        events.dispatchEvent(new Event("offline"));
        const err = await pending;
        assert.ok(err instanceof ApiError, String(err));
        assert.ok(err.transient);
        assert.match(err.message, /network went away/);
    } finally {
        delete globalThis.addEventListener;
        delete globalThis.removeEventListener;
    }
});

test("a sync stuck on a hung pull fails, with the syncs folded into it, and the next one runs", { timeout: 5_000 }, async () => {
    Object.assign(TIMEOUTS, { request: 5, upload: 5 });
    const db = await freshDb();
    let stalled = true;
    serve((method, path, body, signal) => {
        if (method === "GET") return { totalItems: 0 };
        return stalled ? hang(signal) : { cursor: "c1", hasMore: false, changes: [] };
    });
    const syncer = new Syncer(db, { signedIn: false });
    const first = syncer.run();
    const folded = syncer.run();
    await assert.rejects(first, /no answer/);
    await assert.rejects(folded, /no answer/);
    stalled = false;
    await syncer.run();
    assert.equal(await getMeta(db, "cursor"), "c1");
});

test.after(() => Object.assign(TIMEOUTS, DEFAULTS));
