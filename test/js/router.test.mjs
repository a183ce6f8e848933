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
