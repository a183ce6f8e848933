// Hash routes of the PWA (pb_public/js/ui/router.js): the contract both view authors rely on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { href, isRoute, match } from "../../pb_public/js/ui/router.js";

test("every route of the contract reaches its view with its params", () => {
    const cases = [
        ["#/map", "map", {}],
        ["", "map", {}],
        ["#/list?q=jardin&cat=abc", "list", { q: "jardin", cat: "abc" }],
        ["#/i/initiatives/abc123", "detail", { collection: "initiatives", id: "abc123" }],
        ["#/agenda?p=month", "agenda", { p: "month" }],
        ["#/directory", "directory", {}],
        ["#/offers?mode=gift&kind=need", "offers", { mode: "gift", kind: "need" }],
        ["#/about", "about", {}],
        ["#/contribute", "contribute", {}],
        ["#/contribute/events", "contribute", { collection: "events" }],
        ["#/edit/offers/x1", "contribute", { collection: "offers", id: "x1" }],
        ["#/cartoparty", "cartoparty", {}],
        ["#/outbox", "outbox", {}],
        ["#/conflicts", "conflicts", {}],
        ["#/account", "account", {}],
        ["#/more", "more", {}],
    ];
    for (const [hash, view, params] of cases) {
        assert.deepEqual(match(hash), { view, params }, hash);
    }
});

test("an unknown or malformed path falls back to the map, keeping nothing of it", () => {
    assert.deepEqual(match("#/nope/1/2"), { view: "map", params: {} });
    assert.deepEqual(match("#/i/initiatives"), { view: "map", params: {} }, "a detail needs an id");
    assert.deepEqual(match("#/i/initiatives/a/b"), { view: "map", params: {} });
});

test("href encodes parts and match decodes them", () => {
    const h = href("i", "events", "a b/é");
    assert.equal(h, "#/i/events/a%20b%2F%C3%A9");
    assert.deepEqual(match(h).params, { collection: "events", id: "a b/é" });
});

test("in-page anchors such as the skip link's #main are not routes", () => {
    assert.equal(isRoute("#main"), false);
    assert.equal(isRoute("#/list"), true);
    assert.equal(isRoute(""), true);
});

/**
 * fakePage gives the router the little of a browser it touches: location.hash, window and
 * document events, and a main element recording what the views wrote.
 */
function fakePage() {
    globalThis.location = /** @type {any} */ ({ hash: "#/a" });
    globalThis.window = /** @type {any} */ ({ addEventListener() {} });
    globalThis.document = /** @type {any} */ ({ querySelectorAll: () => [], dispatchEvent() {} });
    return /** @type {any} */ ({ dataset: {}, querySelector: () => null, shown: "" });
}

test("a slow view never overwrites the view asked after it", async () => {
    const { Router } = await import("../../pb_public/js/ui/router.js");
    const main = fakePage();
    /** @type {Array<() => void>} */
    const release = [];
    const slow = { render: async (/** @type {any} */ m) => { await new Promise((r) => release.push(() => r(undefined))); m.shown = "slow"; } };
    const fast = { render: async (/** @type {any} */ m) => { m.shown = "fast"; } };
    const router = new Router(main, {}, async (/** @type {string} */ view) => (view === "map" ? slow : fast));
    location.hash = "#/map";
    const first = router.draw();
    await new Promise((r) => setTimeout(r, 10));
    location.hash = "#/list";
    const second = router.draw();
    release.forEach((r) => r());
    await Promise.all([first, second]);
    assert.equal(main.shown, "fast", "the list, asked last, is what shows");
    assert.equal(main.dataset.view, "list");
});

test("draws asked while one runs make a single draw of the latest hash", async () => {
    const { Router } = await import("../../pb_public/js/ui/router.js");
    const main = fakePage();
    const drawn = [];
    const view = { render: async () => { await new Promise((r) => setTimeout(r, 5)); } };
    const router = new Router(main, {}, async (/** @type {string} */ name) => { drawn.push(name); return view; });
    location.hash = "#/map";
    router.draw();
    for (const h of ["#/list", "#/agenda", "#/offers"]) {
        location.hash = h;
        router.draw(true);
    }
    await router.draw(true);
    assert.deepEqual(drawn, ["map", "offers"]);
});

test("a failing view shows its error and the router keeps working", async () => {
    const { Router } = await import("../../pb_public/js/ui/router.js");
    const main = fakePage();
    main.replaceChildren = (/** @type {any} */ el) => { main.shown = "error:" + el.textContent; };
    globalThis.document.createElement = () => ({});
    const broken = { render: async () => { throw new Error("boom"); } };
    const fine = { render: async (/** @type {any} */ m) => { m.shown = "fine"; } };
    const router = new Router(main, {}, async (/** @type {string} */ v) => (v === "map" ? broken : fine));
    const quiet = console.error;
    console.error = () => {};
    location.hash = "#/map";
    await router.draw();
    console.error = quiet;
    assert.match(main.shown, /error:.*boom/);
    location.hash = "#/list";
    await router.draw();
    assert.equal(main.shown, "fine");
});

test("a view's data callback still reading when the next view is asked never overwrites it", async () => {
    const { Router } = await import("../../pb_public/js/ui/router.js");
    const main = fakePage();
    /** @type {(what: string[]) => any} */
    let changed = () => undefined;
    /** @type {Array<() => void>} */
    const release = [];
    const ctx = { onData: (/** @type {any} */ fn) => { changed = fn; return () => { changed = () => undefined; }; } };
    // The page view redraws itself on data, reading slowly; the edit form draws at once.
    const page = { render: async (/** @type {any} */ m, /** @type {any} */ _p, /** @type {any} */ c) => {
        m.shown = "page";
        return c.onData(async () => { await new Promise((r) => release.push(() => r(undefined))); m.shown = "page again"; });
    } };
    const form = { render: async (/** @type {any} */ m) => { m.shown = "form"; } };
    const router = new Router(main, ctx, async (/** @type {string} */ v) => (v === "wiki" ? page : form));
    location.hash = "#/wiki";
    await router.draw();
    const late = changed(["pages"]); // a sync lands: the page starts its redraw
    location.hash = "#/edit/pages/x";
    const next = router.draw();
    await new Promise((r) => setTimeout(r, 10));
    release.forEach((r) => r());
    await Promise.all([late, next, router.running]);
    assert.equal(main.shown, "form", "the form, asked last, is what shows");
    assert.equal(main.dataset.view, "contribute");
});

test("a data callback of a view already left is dropped unrun", async () => {
    const { Router } = await import("../../pb_public/js/ui/router.js");
    const main = fakePage();
    /** @type {Array<(what: string[]) => any>} */
    const callbacks = [];
    const ran = [];
    const ctx = { onData: (/** @type {any} */ fn) => { callbacks.push(fn); return () => undefined; } };
    const view = { render: async (/** @type {any} */ _m, /** @type {any} */ _p, /** @type {any} */ c) => {
        c.onData(() => { ran.push(location.hash); });
    } };
    const router = new Router(main, ctx, async () => view);
    location.hash = "#/map";
    await router.draw();
    location.hash = "#/list";
    await router.draw();
    callbacks.forEach((fn) => fn(["*"])); // the map's callback was never stopped (a view's bug)
    await router.running;
    assert.deepEqual(ran, ["#/list"], "only the view shown runs its callback");
});

test("a hash asked while a view renders gets its focus when drawn", async () => {
    const { Router } = await import("../../pb_public/js/ui/router.js");
    const main = fakePage();
    /** @type {string[]} */
    const focused = [];
    main.querySelector = () => ({ focus: () => focused.push(main.shown) });
    /** @type {Array<() => void>} */
    const release = [];
    const slow = { render: async (/** @type {any} */ m) => { m.shown = "more"; await new Promise((r) => release.push(() => r(undefined))); } };
    const fast = { render: async (/** @type {any} */ m) => { m.shown = "network"; } };
    const router = new Router(main, {}, async (/** @type {string} */ v) => (v === "more" ? slow : fast));
    location.hash = "#/map";
    await router.draw().catch(() => undefined);
    location.hash = "#/more";
    const first = router.draw();
    await new Promise((r) => setTimeout(r, 10));
    location.hash = "#/network"; // a link of More followed while More still renders
    const second = router.draw();
    release.forEach((r) => r());
    await Promise.all([first, second]);
    assert.deepEqual(focused, ["more", "network"], "each view drawn after navigation has its heading focused");
});
