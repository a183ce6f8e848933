// The network of cooperations drawn from the local store (pb_public/js/network.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildGraph, editorsOf, keyOf, linksOf } from "../../pb_public/js/network.js";

const org = { id: "o1", name: "Régie", author: "u1", members: ["u2"], categories: ["c1"], commune: "m1" };
const init = { id: "i1", name: "Jardin", author: "u3", organisation: "o1", categories: ["c2"], commune: "m2" };
const other = { id: "o2", name: "Collectif", author: "u4", members: [], categories: [], commune: "m2" };
const byKey = new Map([[keyOf("organisations", "o1"), org], [keyOf("initiatives", "i1"), init], [keyOf("organisations", "o2"), other]]);
const link = (id, from, to, extra = {}) => ({ id, fromCollection: from[0], fromId: from[1], toCollection: to[0], toId: to[1],
    type: "partnership", status: "confirmed", directed: false, ...extra });
const links = [
    link("l1", ["organisations", "o1"], ["initiatives", "i1"], { type: "funding", directed: true, start: "2024-03-01 00:00:00.000Z" }),
    link("l2", ["organisations", "o2"], ["initiatives", "i1"]),
    link("l3", ["organisations", "o1"], ["organisations", "o2"], { status: "proposed", toEditors: ["u4"] }),
    link("l4", ["organisations", "o1"], ["organisations", "gone"]),
];

test("the graph has the confirmed links whose both ends are local", () => {
    const g = buildGraph(links, byKey);
    assert.deepEqual(g.edges.map((e) => e.id), ["l1", "l2"]);
    assert.deepEqual(g.nodes.map((n) => n.key).sort(), ["initiatives/i1", "organisations/o1", "organisations/o2"]);
    assert.deepEqual(g.edges[0], { id: "l1", from: "organisations/o1", to: "initiatives/i1", type: "funding", directed: true, start: "2024-03-01" });
});

test("filters keep a type, and the links with one end in a category or commune", () => {
    assert.deepEqual(buildGraph(links, byKey, { type: "partnership" }).edges.map((e) => e.id), ["l2"]);
    assert.deepEqual(buildGraph(links, byKey, { category: "c1" }).edges.map((e) => e.id), ["l1"]);
    assert.deepEqual(buildGraph(links, byKey, { commune: "m2" }).edges.map((e) => e.id), ["l1", "l2"]);
    assert.deepEqual(buildGraph(links, byKey, { commune: "m9" }).edges, []);
});

test("editors: an organisation's author and members, an initiative's author and its organisation's members", () => {
    assert.deepEqual(editorsOf("organisations", org, byKey), ["u1", "u2"]);
    assert.deepEqual(editorsOf("initiatives", init, byKey), ["u3", "u2"]);
    assert.deepEqual(editorsOf("communities", { owner: "u9" }, byKey), ["u9"]);
});

test("a record's links: confirmed, waiting, and the proposals its editors decide", () => {
    const forTarget = linksOf(links, "organisations", "o2", "u4");
    assert.deepEqual(forTarget.toDecide.map((l) => l.id), ["l3"]);
    assert.deepEqual(forTarget.waiting, []);
    const forSource = linksOf(links, "organisations", "o1", "u1");
    assert.deepEqual(forSource.waiting.map((l) => l.id), ["l3"]);
    assert.deepEqual(forSource.toDecide, []);
    assert.deepEqual(forSource.confirmed.map((l) => l.id), ["l1", "l4"]);
});
