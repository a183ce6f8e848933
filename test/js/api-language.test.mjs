// Every request names the app's current language (Accept-Language): Maillage's own calls, the
// HEAD checks and the PocketBase SDK's requests, so the server's messages follow the app's
// language; and a signed-in user's profile locale follows it too.
import { test } from "node:test";
import assert from "node:assert/strict";
import "./fake-server.mjs"; // sets location.origin before api.js loads

Object.defineProperty(globalThis, "navigator", { value: { onLine: true }, configurable: true });

const { call, exists, pb } = await import("../../pb_public/js/api.js");
const { setLocale } = await import("../../pb_public/js/i18n.js");
const { saveLocale } = await import("../../pb_public/js/session.js");

/**
 * record makes fetch answer answer(method, url, body) (or {} ) and returns the requests seen,
 * each with its Accept-Language header.
 * @param {(method: string, url: string, body: any) => any} [answer]
 */
function record(answer = () => ({})) {
    const seen = [];
    globalThis.fetch = async (url, init = {}) => {
        const method = init.method || "GET";
        const body = typeof init.body === "string" ? JSON.parse(init.body) : init.body;
        seen.push({ method, url: String(url), lang: new Headers(init.headers).get("Accept-Language"), body });
        return new Response(JSON.stringify(answer(method, String(url), body)), { status: 200, headers: { "Content-Type": "application/json" } });
    };
    return seen;
}

/**
 * languages lists the Accept-Language of each request, and fails when one has none.
 * @param {Array<{url: string, lang: string|null}>} seen
 */
function languages(seen) {
    for (const r of seen) {
        assert.ok(r.lang, `${r.url} was sent without Accept-Language`);
    }
    return seen.map((r) => r.lang);
}

test("call() and exists() send the current language", async () => {
    const seen = record();
    setLocale("en");
    await call("POST", "/api/sync/push", { clientId: "x", mutations: [] });
    await exists("/api/sync/media/abc");
    setLocale("fr");
    await call("GET", "/api/sync/info");
    assert.deepEqual(languages(seen), ["en", "en", "fr"]);
});

test("the PocketBase SDK's requests send the current language", async () => {
    const seen = record(() => ({ page: 1, perPage: 1, totalItems: 0, totalPages: 0, items: [] }));
    setLocale("en");
    await pb.collection("initiatives").getList(1, 1);
    setLocale("fr");
    await pb.collection("initiatives").getList(1, 1);
    assert.deepEqual(languages(seen), ["en", "fr"]);
});

test("languages() catches a request sent without the header (the check's control)", () => {
    assert.throws(() => languages([{ url: "/api/x", lang: null }]), /without Accept-Language/);
});

test("saveLocale writes the app's language to the signed-in user's profile, once", async () => {
    const user = { id: "u1234567890abcd", collectionId: "_pb_users_auth_", collectionName: "users", locale: "" };
    pb.authStore.save("token", user);
    const seen = record((method, url, body) => ({ ...user, ...body }));
    setLocale("en");
    await saveLocale();
    await saveLocale(); // the profile already says en: nothing to write
    assert.equal(seen.length, 1, JSON.stringify(seen));
    assert.equal(seen[0].method, "PATCH");
    assert.match(seen[0].url, /\/api\/collections\/users\/records\/u1234567890abcd/);
    assert.deepEqual(seen[0].body, { locale: "en" });
    assert.equal(seen[0].lang, "en");
    assert.equal(pb.authStore.record?.locale, "en");
    pb.authStore.clear();
    await saveLocale(); // signed out: nothing to write
    assert.equal(seen.length, 1);
});

test("onLocaleChange hears each change of language, and only changes", async () => {
    const { onLocaleChange } = await import("../../pb_public/js/i18n.js");
    setLocale("fr");
    const heard = [];
    const stop = onLocaleChange((loc) => heard.push(loc));
    setLocale("en");
    setLocale("en");
    setLocale("fr");
    stop();
    setLocale("en");
    assert.deepEqual(heard, ["en", "fr"]);
});
