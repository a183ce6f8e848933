// The permanent evaluation offline: after one visit online (the service worker installed, the
// indicators fetched and kept in the device's store), with the server stopped and the network
// cut, a reload of #/evaluation still draws the charts, with the figures the server answered,
// and says they are the last ones seen; axe finds no WCAG 2.1 AA fault in it. Control: with the kept answers removed from the store,
// the same offline reload has no figures to show and says so.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { goOffline, launchBrowser, screenshot, showView, startServer } from "./harness.mjs";

/** AXE is axe-core's browser build (package.json pins it). */
const AXE = readFileSync(new URL("../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

/** @type {import("playwright-core").Browser} */
let browser;
/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;

before(async () => {
    browser = await launchBrowser();
    server = await startServer();
});
after(async () => {
    await browser?.close();
    await server?.stop();
});

/**
 * bars reads the charts drawn: the number of charts and the sum of the bars' heights.
 * @param {import("playwright-core").Page} page
 */
async function drawn(page) {
    return page.evaluate(() => ({
        charts: document.querySelectorAll("[data-testid=evaluation-chart]").length,
        height: [...document.querySelectorAll("[data-testid=evaluation-bar]")]
            .reduce((sum, b) => sum + Number(b.getAttribute("height")), 0),
    }));
}

/** forgetIndicators deletes the kept indicators ("indicators:*" meta rows) of every local database. */
async function forgetIndicators() {
    const open = (/** @type {string} */ name) => new Promise((resolve, reject) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
    });
    for (const { name } of await indexedDB.databases()) {
        const db = /** @type {IDBDatabase} */ (await open(/** @type {string} */ (name)));
        if (db.objectStoreNames.contains("meta")) {
            await new Promise((resolve) => {
                const tx = db.transaction("meta", "readwrite");
                tx.objectStore("meta").delete(IDBKeyRange.bound("indicators:", "indicators:\uffff"));
                tx.oncomplete = resolve;
            });
        }
        db.close();
    }
}

test("the evaluation view shows its charts, then with the network cut shows them from the device's store", async () => {
    const res = await fetch(server.url + "/api/maillage/indicators");
    const answer = await res.json();
    const initiatives = answer.months.reduce((/** @type {number} */ n, /** @type {any} */ m) => n + m.values.initiatives, 0);
    assert.ok(initiatives > 0, `the demo's initiatives count: ${initiatives}`);
    const csv = await fetch(server.url + "/api/maillage/indicators.csv");
    assert.match(await csv.text(), /^month,initiatives,/);

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
        await page.goto(server.url + "/#/map");
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
        await showView(page, server.url, "#/evaluation");
        await page.getByTestId("evaluation-charts").waitFor();
        const online = await drawn(page);
        assert.equal(online.charts, 9);
        assert.ok(online.height > 0, "the bars have heights");
        assert.equal(await page.getByTestId("evaluation-csv").getAttribute("href"),
            `/api/maillage/indicators.csv?from=${answer.from}&to=${answer.to}`);

        await server.stop();
        await goOffline(context);
        await page.reload();
        await page.getByTestId("evaluation-stale").waitFor();
        assert.deepEqual(await drawn(page), online, "the same charts from the device's store");
        await screenshot(page, "evaluation-offline");
        await page.evaluate(AXE);
        const violations = await page.evaluate(async () => {
            const res = await /** @type {any} */ (window).axe.run({ include: [["main"]] },
                { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
            return res.violations.flatMap((/** @type {any} */ v) => v.nodes.map((/** @type {any} */ n) => `${v.id}: ${n.target.join(" ")}`));
        });
        assert.deepEqual(violations, [], "axe finds nothing wrong in the evaluation view");

        // control: with the kept answers gone from the store, the same offline page has none to show
        await page.evaluate(forgetIndicators);
        await page.reload();
        await page.getByTestId("evaluation-none").waitFor();
        assert.equal((await drawn(page)).charts, 0);
    } finally {
        await context.close();
    }
});
