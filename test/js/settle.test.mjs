// Settling a conflict: re-apply queues the user's value and closes the row, in one transaction.
import { test } from "node:test";
import assert from "node:assert/strict";
import { freshDb, putServerRow } from "./helpers.mjs";
import { row } from "../../pb_public/js/db.js";
import { pending } from "../../pb_public/js/outbox.js";
import { openConflicts, reapplyChange, settle } from "../../pb_public/js/settle.js";

const conflict = {
    id: "cf0000000000000", collection: "initiatives", recordId: "r00000000000000", kind: "field", field: "name",
    clientValue: "Jardin des Lilas (mine)", serverValue: "Jardin des Lilas", status: "open", author: "u1",
};

test("reapplyChange re-sends one field, or every field of a rejected contribution", () => {
    assert.deepEqual(reapplyChange(conflict, true),
        { c: "initiatives", id: "r00000000000000", op: "update", fields: { name: "Jardin des Lilas (mine)" } });
    const rejected = { ...conflict, kind: "rejected", field: "", clientValue: { id: "r00000000000000", name: "n", geo: { lon: 2, lat: 48 } } };
    assert.deepEqual(reapplyChange(rejected, false),
        { c: "initiatives", id: "r00000000000000", op: "create", fields: { name: "n", geo: { lon: 2, lat: 48 } } });
});

test("re-apply queues the value over the kept one and closes the conflict", async () => {
    const db = await freshDb();
    await putServerRow(db, "initiatives", { id: "r00000000000000", name: "Jardin des Lilas" }, 5);
    await putServerRow(db, "syncConflicts", conflict, 6);
    await settle(db, conflict, "reapplied");
    const out = await pending(db);
    assert.deepEqual(out.map((m) => [m.c, m.op, m.fields, m.base]), [
        ["initiatives", "update", { name: "Jardin des Lilas (mine)" }, { name: "Jardin des Lilas" }],
        ["syncConflicts", "update", { status: "reapplied" }, { status: "open" }],
    ]);
    assert.equal((await row(db, "initiatives", "r00000000000000")).view.name, "Jardin des Lilas (mine)");
    assert.deepEqual(openConflicts([(await row(db, "syncConflicts", conflict.id)).view], "u1"), [], "no longer open");
});

test("dismiss only closes the conflict; an unknown status is refused", async () => {
    const db = await freshDb();
    await putServerRow(db, "syncConflicts", conflict, 6);
    await settle(db, conflict, "dismissed");
    assert.deepEqual((await pending(db)).map((m) => [m.c, m.fields.status]), [["syncConflicts", "dismissed"]]);
    await assert.rejects(settle(db, conflict, /** @type {any} */ ("open")), /unknown conflict status/);
});

test("a conflict row not on the device cannot be settled, and nothing is half queued", async () => {
    const db = await freshDb();
    await putServerRow(db, "initiatives", { id: "r00000000000000", name: "x" }, 1);
    await assert.rejects(settle(db, conflict, "reapplied"), /not in the local data/);
    assert.deepEqual(await pending(db), [], "the re-applied value was rolled back with the failed close");
});

test("openConflicts keeps the user's open rows, newest first", () => {
    const rows = [
        { ...conflict, id: "a", created: "2026-11-01" }, { ...conflict, id: "b", created: "2026-11-03" },
        { ...conflict, id: "c", status: "dismissed" }, { ...conflict, id: "d", author: "u2" },
    ];
    assert.deepEqual(openConflicts(rows, "u1").map((r) => r.id), ["b", "a"]);
});
