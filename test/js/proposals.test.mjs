// The ballot a proposal's form makes, the secret ballot's receipt kept on the device, and the
// rows of a result (pb_public/js/proposals.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { ballotBody, keepReceipt, parseOptions, phaseNews, receiptOf, resultRows } from "../../pb_public/js/proposals.js";

test("an approval ballot lists the approved options, a judgement grades every option", () => {
    assert.deepEqual(ballotBody("approval", { a: true, b: false, c: true }), { choices: { approve: ["a", "c"] } });
    assert.deepEqual(ballotBody("majorityJudgement", { a: "6", b: 0 }), { choices: { grades: { a: 6, b: 0 } } });
    const receipt = { id: "r1", token: "t" };
    assert.deepEqual(ballotBody("approval", {}, receipt), { choices: { approve: [] }, receipt });
});

test("options are one label a line", () => {
    assert.deepEqual(parseOptions(" Bancs \n\nArbres\n"), [{ id: "o1", label: "Bancs" }, { id: "o2", label: "Arbres" }]);
});

test("the receipt stays on the device, per proposal", () => {
    const data = new Map();
    const store = /** @type {any} */ ({ getItem: (k) => data.get(k) ?? null, setItem: (k, v) => data.set(k, v) });
    assert.equal(receiptOf("p1", store), null);
    keepReceipt("p1", { id: "b", token: "t" }, store);
    assert.deepEqual(receiptOf("p1", store), { id: "b", token: "t" });
    assert.equal(receiptOf("p2", store), null);
});

test("result rows follow the ranking", () => {
    const rows = resultRows({ ranking: ["b", "a"], options: { a: { rank: 2 }, b: { rank: 1 } } }, [{ id: "a", label: "A" }, { id: "b", label: "B" }]);
    assert.deepEqual(rows.map((r) => [r.label, r.rank]), [["B", 1], ["A", 2]]);
});

test("a phase moved on since the device last showed the proposal is news, once", () => {
    const data = new Map();
    const store = /** @type {any} */ ({ getItem: (k) => data.get(k) ?? null, setItem: (k, v) => data.set(k, v) });
    assert.deepEqual([...phaseNews([{ id: "p1", phase: "consultation" }], store)], [], "first sight is no news");
    assert.deepEqual([...phaseNews([{ id: "p1", phase: "vote" }, { id: "p2", phase: "vote" }], store)], ["p1"]);
    assert.deepEqual([...phaseNews([{ id: "p1", phase: "vote" }], store)], [], "shown once");
});
