// e2e (f): a detail page embeds its record's schema.org JSON-LD, built in the browser from
// IndexedDB, and it is the very document the server answers at /api/maillage/jsonld/{c}/{id}
// for one record of each collection; it is still there offline (the server stopped).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { goOffline, launchBrowser, showView, startServer, waitForSync } from "./harness.mjs";

/** @type {import("playwright-core").Browser} */
let browser;

before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/**
 * embedded reads the JSON-LD the detail page of c/id embeds.
 * @param {import("playwright-core").Page} page
 * @param {string} url
 * @param {string} c
 * @param {string} id
 */
async function embedded(page, url, c, id) {
    await showView(page, url, `#/i/${c}/${id}`);
    const text = await page.locator("script[data-testid=detail-jsonld]").textContent();
    return JSON.parse(text || "null");
}

test("detail pages embed the server's JSON-LD of their record, offline too", async () => {
    const server = await startServer();
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
        /** @type {Array<[string, string, any]>} */
        const cases = [];
        for (const c of ["initiatives", "events", "organisations", "offers"]) {
            const list = await (await fetch(`${server.url}/api/collections/${c}/records?perPage=3&sort=id`)).json();
            for (const r of list.items) {
                const res = await fetch(`${server.url}/api/maillage/jsonld/${c}/${r.id}`);
                assert.equal(res.status, 200);
                cases.push([c, r.id, await res.json()]);
            }
        }
        assert.ok(cases.length >= 8, "the demo has public records in every collection");
        await page.goto(server.url + "/#/map");
        await waitForSync(page);
        for (const [c, id, want] of cases) {
            assert.deepEqual(await embedded(page, server.url, c, id), want, `${c}/${id}`);
        }
        await server.stop();
        await goOffline(context);
        const [c, id, want] = cases[0];
        await showView(page, server.url, "#/list");
        assert.deepEqual(await embedded(page, server.url, c, id), want, "offline");
    } finally {
        await context.close();
        await server.stop();
    }
});
