// The local view: the server's row with pending mutations laid over it in mseq order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { baseOf, changedFields, rebase } from "../../pb_public/js/rebase.js";

const server = { id: "x", name: "Server", description: "p1\n\np2", address: "A" };

test("pending edits apply over the pulled row in mseq order, whatever the input order", () => {
    const pendingEdits = [
        { mseq: 5, c: "initiatives", id: "x", op: "update", baseRev: 1, base: {}, fields: { name: "second" } },
        { mseq: 4, c: "initiatives", id: "x", op: "update", baseRev: 1, base: {}, fields: { name: "first", address: "B" } },
    ];
    const view = rebase({ ...server, address: "pulled" }, pendingEdits);
    assert.deepEqual(view, { id: "x", name: "second", description: "p1\n\np2", address: "B" });
});

test("acknowledged mutations no longer change the view", () => {
    const done = { mseq: 1, c: "initiatives", id: "x", op: "update", baseRev: 1, base: {}, fields: { name: "old edit" }, state: "synced" };
    assert.equal(rebase(server, [done]).name, "Server");
});

test("a pending create survives a missing server row; a pending delete hides the record", () => {
    const create = { mseq: 1, c: "initiatives", id: "x", op: "create", baseRev: 0, base: {}, fields: { name: "new" } };
    assert.deepEqual(rebase(null, [create]), { id: "x", name: "new" });
    const del = { mseq: 2, c: "initiatives", id: "x", op: "delete", baseRev: 1, base: {}, fields: {} };
    assert.equal(rebase(server, [del]), null);
    const upd = { mseq: 3, c: "initiatives", id: "x", op: "update", baseRev: 1, base: {}, fields: { name: "y" } };
    assert.equal(rebase(null, [upd]), null, "an update alone does not invent a record");
});

test("the server row is not modified in place", () => {
    const copy = structuredClone(server);
    rebase(server, [{ mseq: 1, c: "i", id: "x", op: "update", baseRev: 1, base: {}, fields: { name: "z" } }]);
    assert.deepEqual(server, copy);
});

test("negative control: a view that ignores pending edits loses them, and the check sees it", () => {
    const edit = { mseq: 1, c: "initiatives", id: "x", op: "update", baseRev: 1, base: {}, fields: { name: "mine" } };
    const keepsEdit = (/** @type {Function} */ f) => f(server, [edit])?.name === "mine";
    assert.equal(keepsEdit(rebase), true);
    assert.equal(keepsEdit((s) => ({ ...s })), false, "a naive overwrite by the pulled row would be caught");
});

test("changedFields and baseOf give the changed fields and the values the user saw", () => {
    const before = { name: "a", categories: ["c1"], website: "" };
    const after = { name: "a", categories: ["c1", "c2"], website: "", contact: "x" };
    const changed = changedFields(before, after);
    assert.deepEqual(changed, { categories: ["c1", "c2"], contact: "x" });
    assert.deepEqual(baseOf(before, changed), { categories: ["c1"], contact: null });
    assert.deepEqual(baseOf(null, { name: "n" }), { name: null });
});
