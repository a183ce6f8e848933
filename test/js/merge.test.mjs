// The moderators' merge choices (pb_public/js/merge.js): which fields differ, the choice each
// starts with (the kept record's value, the other's when the kept one is empty, as the server
// does), and the request they make.
import { test } from "node:test";
import assert from "node:assert/strict";
import { initialChoices, isEmpty, mergeRequest, same, shownFields } from "../../pb_public/js/merge.js";

const pair = {
    id: "p1", collection: "initiatives", score: 0.8, reasons: { name: 0.9, distance: 20 },
    fields: ["name", "description", "website", "geo", "categories", "openingHours"],
    records: [
        { id: "aaa", name: "Jardin des Poireaux", description: "", website: "https://a.org", geo: { lon: 2.35, lat: 48.93 },
            categories: ["c1"], openingHours: "" },
        { id: "bbb", name: "Jardin les Poireaux", description: "Un jardin.", website: "https://a.org", geo: { lon: 2.35, lat: 48.9302 },
            categories: ["c2", "c1"], openingHours: "" },
    ],
};

test("isEmpty and same treat no value alike, and keep false and 0 as values", () => {
    for (const v of [null, undefined, "", "  ", [], {}, { lon: 0, lat: 0 }]) {
        assert.ok(isEmpty(v), JSON.stringify(v));
    }
    for (const v of [false, 0, "x", ["a"], { lon: 1, lat: 0 }]) {
        assert.ok(!isEmpty(v), JSON.stringify(v));
    }
    assert.ok(same("", null));
    assert.ok(!same(["c1"], ["c2", "c1"]));
});

test("shownFields leaves out the fields empty in both records", () => {
    assert.deepEqual(shownFields(pair), ["name", "description", "website", "geo", "categories"]);
});

test("initialChoices: the kept record's value, the other's where the kept one is empty", () => {
    assert.deepEqual(initialChoices(pair, "a"), { name: "a", description: "b", geo: "a", categories: "a" });
    assert.deepEqual(initialChoices(pair, "b"), { name: "b", description: "b", geo: "b", categories: "b" });
});

test("mergeRequest names the winning record per field, and sends the union of lists as a value", () => {
    const got = mergeRequest(pair, "a", { name: "b", description: "b", geo: "a", categories: "both" });
    assert.deepEqual(got, {
        keep: "aaa",
        fields: { name: "bbb", description: "bbb", geo: "aaa" },
        values: { categories: ["c1", "c2"] },
    });
});
