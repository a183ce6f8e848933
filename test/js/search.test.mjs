// Accent-insensitive French search over local data.
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildIndex, normalise, search } from "../../pb_public/js/search.js";

test("normalise folds case, accents, ligatures and punctuation", () => {
    const cases = [
        ["L'Île-Saint-Denis", "l ile saint denis"],
        ["ŒUVRE cœur", "oeuvre coeur"],
        ["  Épicerie   solidaire ! ", "epicerie solidaire"],
        ["Ça Va, À Bientôt", "ca va a bientot"],
        ["Straße", "strasse"],
        [null, ""],
        [42, "42"],
    ];
    for (const [input, want] of cases) {
        assert.equal(normalise(input), want, `normalise(${JSON.stringify(input)})`);
    }
});

test("search finds every word as a word prefix, whatever the accents", () => {
    const index = buildIndex([
        { c: "initiatives", id: "1", view: { name: "Jardin partagé des Écoles", address: "Saint-Denis" } },
        { c: "initiatives", id: "2", view: { name: "Atelier vélo", description: "réparation" } },
        { c: "events", id: "3", view: { title: "Fête du jardin", place: "Aubervilliers" } },
    ]);
    const ids = (q) => search(index, q).map((e) => e.id);
    assert.deepEqual(ids("JARDIN"), ["1", "3"]);
    assert.deepEqual(ids("ecole jard"), ["1"]);
    assert.deepEqual(ids("velo reparat"), ["2"]);
    assert.deepEqual(ids("ardin"), [], "only word prefixes match, not the middle of a word");
    assert.deepEqual(ids("saint denis"), ["1"]);
    assert.deepEqual(ids(""), ["1", "2", "3"]);
    assert.deepEqual(search(index, "", 2).map((e) => e.id), ["1", "2"], "limit bounds the answer");
});
