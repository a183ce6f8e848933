// The outbox: a local change and its mutation in one transaction, acknowledgement into the
// journal, the pending count announced, lost mutations requeued, conflicts settled.
import { test } from "node:test";
import assert from "node:assert/strict";
import { freshDb, putServerRow, recordEvents } from "./helpers.mjs";
import { row } from "../../pb_public/js/db.js";
import {
    JOURNAL_KEEP, OUTBOX_EVENT, acknowledge, enqueue, journal, newId, pending, pendingCount, requeueLost, retry,
} from "../../pb_public/js/outbox.js";

const events = recordEvents(OUTBOX_EVENT);

test("newId makes PocketBase-style ids", () => {
    const ids = new Set(Array.from({ length: 200 }, newId));
    assert.equal(ids.size, 200);
    for (const id of ids) {
        assert.match(id, /^[a-z0-9]{15}$/);
    }
});

test("enqueue writes the mutation and the local view together, numbered from 1", async () => {
    const db = await freshDb();
    const a = await enqueue(db, { c: "initiatives", id: "aaaaaaaaaaaaaaa", op: "create", fields: { name: "Jardin" } });
    const b = await enqueue(db, { c: "initiatives", id: "aaaaaaaaaaaaaaa", op: "update", fields: { name: "Jardin partagé" } });
    assert.deepEqual([a.mseq, b.mseq], [1, 2]);
    assert.deepEqual(b.base, { name: "Jardin" }, "the base of an edit is the value the user saw");
    const r = await row(db, "initiatives", "aaaaaaaaaaaaaaa");
    assert.equal(r.view.name, "Jardin partagé");
    assert.equal(r.server, null);
    assert.equal(await pendingCount(db), 2);
    assert.deepEqual(events.at(-1), { pending: 2 }, "the badge hears the new count");
});

test("an update of a record the device does not hold is refused and writes nothing", async () => {
    const db = await freshDb();
    await assert.rejects(enqueue(db, { c: "initiatives", id: "nothere00000000", op: "update", fields: { name: "x" } }),
        /not in the local data/);
    assert.equal(await pendingCount(db), 0);
    const next = await enqueue(db, { c: "initiatives", id: "bbbbbbbbbbbbbbb", op: "create", fields: { name: "y" } });
    assert.equal(next.mseq, 1, "the failed transaction did not consume a number");
});

test("acknowledge moves results to the journal with their state; deferred stays", async () => {
    const db = await freshDb();
    for (const name of ["a", "b", "c", "d"]) {
        await enqueue(db, { c: "initiatives", id: (name + "00000000000000").slice(0, 15), op: "create", fields: { name } });
    }
    await acknowledge(db, 4, [
        { mseq: 1, status: "applied", rev: 7, r: { id: "a00000000000000", name: "a", status: "pending" } },
        { mseq: 2, status: "rejected", message: "name too long", fieldErrors: { name: "too long" } },
        { mseq: 3, status: "deferred" },
        { mseq: 4, status: "merged", rev: 9, r: { id: "d00000000000000", name: "d" } },
    ]);
    const states = Object.fromEntries((await journal(db)).map((m) => [m.mseq, m.state]));
    assert.deepEqual(states, { 1: "synced", 2: "rejected", 4: "merged" });
    assert.deepEqual((await pending(db)).map((m) => m.mseq), [3]);
    const applied = await row(db, "initiatives", "a00000000000000");
    assert.deepEqual([applied.rev, applied.server.status], [7, "pending"]);
    assert.equal(await row(db, "initiatives", "b00000000000000"), undefined, "a rejected create leaves no local record");
    const rejected = (await journal(db)).find((m) => m.mseq === 2);
    assert.deepEqual(rejected.result.fieldErrors, { name: "too long" }, "field errors are kept for the form");
    assert.deepEqual(events.at(-1), { pending: 1 });
});

test("requeueLost sends again what a restored server forgot, with no gap", async () => {
    const db = await freshDb();
    for (const name of ["a", "b", "c"]) {
        await enqueue(db, { c: "offers", id: (name + "00000000000000").slice(0, 15), op: "create", fields: { title: name } });
    }
    await acknowledge(db, 2, [{ mseq: 1, status: "applied" }, { mseq: 2, status: "applied" }]);
    assert.equal(await requeueLost(db, 2), 0, "nothing lost while the server agrees");
    assert.equal(await requeueLost(db, 1), 1);
    const out = await pending(db);
    assert.deepEqual(out.map((m) => [m.mseq, m.fields.title]), [[2, "b"], [3, "c"]]);
    const next = await enqueue(db, { c: "offers", id: "d00000000000000", op: "create", fields: { title: "d" } });
    assert.equal(next.mseq, 4);
});

test("retry queues a rejected contribution again with the same fields", async () => {
    const db = await freshDb();
    await enqueue(db, { c: "events", id: "e00000000000000", op: "create", fields: { title: "Repair café" } });
    await acknowledge(db, 1, [{ mseq: 1, status: "rejected", message: "start is required" }]);
    const again = await retry(db, 1);
    assert.deepEqual([again.mseq, again.op, again.fields.title], [2, "create", "Repair café"]);
    assert.equal((await row(db, "events", "e00000000000000")).view.title, "Repair café");
});

test("a pulled row keeps the pending edit on top (rebase over pulled rows)", async () => {
    const db = await freshDb();
    await putServerRow(db, "initiatives", { id: "r00000000000000", name: "Old", address: "1 rue A" }, 3);
    await enqueue(db, { c: "initiatives", id: "r00000000000000", op: "update", fields: { name: "Mine" } });
    await putServerRow(db, "initiatives", { id: "r00000000000000", name: "Old", address: "2 rue B" }, 4);
    const r = await row(db, "initiatives", "r00000000000000");
    assert.deepEqual([r.view.name, r.view.address, r.rev], ["Mine", "2 rue B", 4]);
    assert.equal(r.server.name, "Old", "the server state stays the server's");
});

test("the journal keeps the last JOURNAL_KEEP acknowledged mutations", async () => {
    const db = await freshDb();
    const total = JOURNAL_KEEP + 3;
    for (let i = 0; i < total; i++) {
        await enqueue(db, { c: "offers", id: String(i).padStart(15, "0"), op: "create", fields: { title: "t" + i } });
    }
    await acknowledge(db, total, []);
    const kept = await journal(db);
    assert.equal(kept.length, JOURNAL_KEEP);
    assert.deepEqual([kept[0].mseq, kept.at(-1).mseq], [4, total], "the oldest go first");
    assert.equal(await requeueLost(db, total), 0, "pruning is not mistaken for a server that forgot");
});
