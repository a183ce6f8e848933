// A pull that answers a reset: the PWA re-snapshots the listed collections and swaps them in
// with the new cursor only once every snapshot is in (as the Go reference client does since
// simulation seed 101), so a snapshot failing midway leaves store and cursor consistent.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serve, snapshotPage } from "./fake-server.mjs";
import { freshDb } from "./helpers.mjs";
import { getMeta, views } from "../../pb_public/js/db.js";
import { enqueue, pending } from "../../pb_public/js/outbox.js";

// PWA_JS=<dir>/ runs the tests against other modules (the negative control: the sync.js before
// the fix fails the first test).
const { Syncer } = await import((process.env.PWA_JS || "../../pb_public/js/") + "sync.js");

const put = (c, id, rev) => ({ c, op: "put", id, rev, r: { id, name: id } });
const snap = (id, rev) => ({ id, rev, r: { id, name: id } });
const RESET = { collections: ["initiatives", "memberships"], reason: "scope" };

/** ids lists the ids of the records of c the device shows. */
async function ids(db, c) {
    return (await views(db, c)).map((v) => v.id).sort();
}

/**
 * device returns a Syncer that pulled i1, m1 and m2 under cursor c1 and holds a pending
 * create of initiative "mine", and the server's answers, which the test then changes.
 */
async function device() {
    const db = await freshDb();
    const server = {
        pull: { cursor: "c1", hasMore: false, changes: [put("initiatives", "i1", 1), put("memberships", "m1", 2), put("memberships", "m2", 3)] },
        snapshots: { initiatives: [snap("i2", 5)], memberships: [snap("m2", 3)] },
        drop: "",
    };
    serve((method, path, body) => {
        if (method === "GET") return { totalItems: 0 };
        if (path === "/api/sync/pull") return server.pull;
        if (body.collection === server.drop) throw new TypeError("connection reset");
        return snapshotPage(server.snapshots[body.collection]);
    });
    const syncer = new Syncer(db, { signedIn: false });
    await syncer.run();
    await enqueue(db, { c: "initiatives", id: "mine00000000000", op: "create", fields: { name: "Jardin" } });
    return { db, syncer, server };
}

test("a reset whose last snapshot fails keeps the old stores under the old cursor", { timeout: 10_000 }, async () => {
    const { db, syncer, server } = await device();
    server.pull = { cursor: "c2", hasMore: false, changes: [], reset: RESET };
    server.drop = "memberships";
    await assert.rejects(syncer.run(), /no network/);
    assert.equal(await getMeta(db, "cursor"), "c1");
    assert.deepEqual(await ids(db, "initiatives"), ["i1", "mine00000000000"],
        "initiatives were replaced although the reset did not finish: they no longer match cursor c1");
    assert.deepEqual(await ids(db, "memberships"), ["m1", "m2"]);
    assert.equal((await pending(db)).length, 1, "the outbox is kept");
});

test("the next sync completes the reset: new stores, new cursor, the outbox kept", { timeout: 10_000 }, async () => {
    const { db, syncer, server } = await device();
    server.pull = { cursor: "c2", hasMore: false, changes: [], reset: RESET };
    server.drop = "memberships";
    await assert.rejects(syncer.run());
    server.drop = "";
    await syncer.run();
    assert.equal(await getMeta(db, "cursor"), "c2");
    assert.deepEqual(await ids(db, "initiatives"), ["i2", "mine00000000000"]);
    assert.deepEqual(await ids(db, "memberships"), ["m2"]);
    assert.deepEqual((await pending(db)).map((m) => m.id), ["mine00000000000"]);
});

test("a reset that comes with changes applies them over the fresh snapshot", { timeout: 10_000 }, async () => {
    const { db, syncer, server } = await device();
    server.pull = { cursor: "c3", hasMore: false, changes: [put("initiatives", "i3", 7), { c: "initiatives", op: "remove", id: "i2", rev: 8 }], reset: RESET };
    await syncer.run();
    assert.equal(await getMeta(db, "cursor"), "c3");
    assert.deepEqual(await ids(db, "initiatives"), ["i3", "mine00000000000"]);
});
