// The contribution forms' pure parts: value conversions, checks, the fields a change sends.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { FORMS, changeOf, createFields, fromServer, roundTrip, toServer, validate } from "../../pb_public/js/forms.js";

const spec = (c, name) => FORMS[c].find((s) => s.name === name);

test("dates go to PocketBase UTC and come back as the same local date-time", () => {
    const start = spec("events", "start");
    const server = toServer(start, "2026-05-02T14:30");
    assert.match(server, /^2026-05-0[12] \d\d:30:00\.000Z$/);
    assert.equal(fromServer(start, server), "2026-05-02T14:30");
    assert.equal(toServer(spec("offers", "expires"), "2026-06-30"), "2026-06-30 12:00:00.000Z");
    assert.equal(fromServer(spec("offers", "expires"), "2026-06-30 12:00:00.000Z"), "2026-06-30");
});

test("validate catches what the server would refuse, with message keys", () => {
    const errors = validate(FORMS.events, {
        title: "", start: "2026-05-02 14:00:00.000Z", end: "2026-05-01 10:00:00.000Z",
        registrationUrl: "inscription", place: "x".repeat(301),
    });
    assert.deepEqual(errors, { title: "form.required", registrationUrl: "form.invalidUrl", place: "form.tooLong", end: "form.endBeforeStart" });
    assert.deepEqual(validate(FORMS.events, { title: "Repair café", start: "2026-05-02 14:00:00.000Z", registrationUrl: "https://ex.org/r" }), {});
});

test("every form field exists in the content migration", () => {
    const migration = new URL("../../migrations/1763740801_create_content.go", import.meta.url);
    const text = readFileSync(migration, "utf8");
    for (const specs of Object.values(FORMS)) {
        for (const s of specs) {
            const declared = text.includes(`Name: "${s.name}"`) || text.includes(`photos("${s.name}")`);
            assert.ok(declared || ["visibility", "geo"].includes(s.name), `${s.name} is not a field of the migration`);
        }
    }
});

test("a new record sends its filled fields with author and visibility", () => {
    const values = { name: "Ressourcerie", description: "", categories: [], geo: { lon: 2.36, lat: 48.93 }, website: "" };
    const change = changeOf({ user: { id: "u1" }, c: "initiatives", specs: FORMS.initiatives, start: { id: "n1", editing: false, original: {} } }, values, "m1");
    assert.deepEqual(change, {
        c: "initiatives", id: "n1", op: "create", blobs: ["m1"],
        fields: { author: "u1", visibility: "public", name: "Ressourcerie", geo: { lon: 2.36, lat: 48.93 }, photos: ["m1"] },
    });
});

test("an edit sends only the fields the user changed", () => {
    const original = { id: "r1", name: "Jardin", description: "p1\n\np2\n", website: "", categories: ["c1"], geo: { lon: 2, lat: 48 },
        start: "", photos: ["a_x.jpg"], openingHours: "Mo 10:00-12:00", visibility: "public", address: "" };
    const f = { user: { id: "u1" }, c: "initiatives", specs: FORMS.initiatives, start: { id: "r1", editing: true, original } };
    const untouched = Object.fromEntries(FORMS.initiatives.map((s) => [s.name, roundTrip(s, original[s.name])]));
    assert.deepEqual(changeOf(f, untouched, "").fields, {}, "an untouched form sends nothing");
    const edited = { ...untouched, description: "p1\n\np2 changed\n", categories: ["c1", "c2"] };
    assert.deepEqual(changeOf(f, edited, "m2"),
        { c: "initiatives", id: "r1", op: "update", blobs: ["m2"],
            fields: { description: "p1\n\np2 changed\n", categories: ["c1", "c2"], photos: ["a_x.jpg", "m2"] } });
});

test("createFields drops empty values", () => {
    assert.deepEqual(createFields({ title: "Vélo", price: 0, allDay: false, categories: [], visibility: "community" }, "u"),
        { author: "u", visibility: "community", title: "Vélo" });
});

