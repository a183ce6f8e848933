// e2e (g): a moderator merges a likely duplicate in the PWA. An imported place and the same
// place added by hand 15 m away make a pair; the moderator finds "Duplicates" in the
// navigation (a resident does not), keeps the imported record with the other's description and
// both records' categories, and merges. A link to the merged-away record then opens the kept one, on a device that never
// held it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createUser, launchBrowser, screenshot, showView, signIn, startServer, superuserToken } from "./harness.mjs";

/** @type {import("playwright-core").Browser} */
let browser;

before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/**
 * post sends a JSON request and returns the decoded answer, failing on an error status.
 * @param {string} url
 * @param {string} token
 * @param {any} body
 */
async function post(url, token, body) {
    const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", Authorization: token }, body: JSON.stringify(body) });
    const data = await res.json();
    assert.ok(res.ok, `${url}: ${res.status} ${JSON.stringify(data)}`);
    return data;
}

test("a moderator merges a duplicate; links to the merged-away record open the kept one", async () => {
    const server = await startServer({ demo: false });
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
        const moderator = { email: "mod@maillage.test", password: "moderator-password-1" };
        const resident = { email: "res@maillage.test", password: "resident-password-1" };
        const mod = await createUser(server, { ...moderator, role: "moderator" });
        await createUser(server, resident);
        const admin = await superuserToken(server);
        const cats = (await (await fetch(`${server.url}/api/collections/categories/records?perPage=2&sort=id`)).json()).items.map((/** @type {any} */ c) => c.id);
        assert.equal(cats.length, 2, "the seeded categories");
        const kept = await post(`${server.url}/api/collections/initiatives/records`, admin, {
            name: "Recyclerie du Canal", source: "carte-a", externalId: "42", status: "published", visibility: "public",
            geo: { lon: 2.3580, lat: 48.9360 }, categories: [cats[0]] });
        const modToken = (await post(`${server.url}/api/collections/users/auth-with-password`, "", { identity: moderator.email, password: moderator.password })).token;
        const other = await post(`${server.url}/api/collections/initiatives/records`, modToken, {
            name: "La Recyclerie du canal", author: mod.id, description: "Réparations le samedi.", geo: { lon: 2.3580, lat: 48.93614 },
            categories: [cats[1]] });

        await signIn(page, server, resident);
        assert.equal(await page.getByTestId("nav-duplicates").count(), 0, "a resident has no Duplicates entry");

        const modContext = await browser.newContext();
        const modPage = await modContext.newPage();
        await signIn(modPage, server, moderator);
        assert.equal(await modPage.getByTestId("nav-duplicates").count(), 1, "a moderator has the Duplicates entry");
        await showView(modPage, server.url, "#/duplicates");
        const card = modPage.getByTestId("dup-pair");
        await card.waitFor();
        assert.match(await modPage.getByTestId("dup-reasons").textContent() || "", /\b1[56] m\b/);
        await screenshot(modPage, "duplicates");
        const keepImported = kept.id < other.id ? "a" : "b";
        const otherSide = keepImported === "a" ? "b" : "a";
        await modPage.getByTestId("dup-keep-" + keepImported).check();
        await modPage.getByTestId(`dup-description-${otherSide}`).check();
        await modPage.getByTestId("dup-categories-both").check();
        await modPage.getByTestId("dup-merge").click();
        await modPage.getByTestId("dup-empty").waitFor();
        await modContext.close();

        const merged = await (await fetch(`${server.url}/api/collections/initiatives/records/${kept.id}`)).json();
        assert.equal(merged.description, "Réparations le samedi.");
        assert.deepEqual(merged.provenance, [{ source: "carte-a", externalId: "42" }]);
        assert.deepEqual([...merged.categories].sort(), [...cats].sort(), "both records' categories");

        const fresh = await browser.newContext();
        const visitor = await fresh.newPage();
        await visitor.goto(`${server.url}/#/i/initiatives/${other.id}`);
        await visitor.waitForFunction((id) => location.hash === `#/i/initiatives/${id}`, kept.id, { timeout: 30000 });
        await fresh.close();
    } finally {
        await context.close();
        await server.stop();
    }
});
