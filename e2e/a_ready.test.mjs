// e2e (a): the map's ready signal and the races that made markers come late (docs/reliability.md).
// The map sets data-markers only once it has drawn the local data; a sync that ends while the
// map's first draw is still reading does not leave the map empty; and a start on a network
// that does not answer draws the local data without waiting for it. Each race is forced by
// holding requests until an application signal, never by timing.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, startServer, waitForSync } from "./harness.mjs";

/** @type {import("playwright-core").Browser} */
let browser;
/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
let initiatives = 0;

before(async () => {
    [browser, server] = await Promise.all([launchBrowser(), startServer()]);
    const res = await fetch(`${server.url}/api/collections/initiatives/records?perPage=1&filter=${encodeURIComponent("deleted = false")}`);
    initiatives = (await res.json()).totalItems;
    assert.ok(initiatives > 0, "the demo has public initiatives");
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

/**
 * newPage opens a page with no service worker (page.route sees every request) that records
 * each value the map's data-markers takes, in window.markersSeen.
 */
async function newPage() {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: "block" });
    const page = await context.newPage();
    await page.addInitScript(() => {
        const w = /** @type {any} */ (window);
        w.markersSeen = [];
        new MutationObserver((records) => {
            for (const r of records) {
                w.markersSeen.push(/** @type {Element} */ (r.target).getAttribute("data-markers"));
            }
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-markers"] });
    });
    return { context, page };
}

/**
 * markers waits until the map has drawn markers, and returns how many.
 * @param {import("playwright-core").Page} page
 */
async function markers(page) {
    await page.waitForFunction(() => Number(document.querySelector("[data-testid=map]")?.getAttribute("data-markers")) > 0);
    return Number(await page.getByTestId("map").getAttribute("data-markers"));
}

test("a sync that ends while the map's first draw waits for the communes still shows its markers", async () => {
    const { context, page } = await newPage();
    try {
        // The first draw asks the server for the communes (none kept yet): hold that answer until
        // the first sync has ended, and the sync until the first draw has begun.
        let drawStarted = () => {};
        const drawing = new Promise((resolve) => { drawStarted = () => resolve(undefined); });
        let release = () => {};
        const released = new Promise((resolve) => { release = () => resolve(undefined); });
        await page.route("**/api/collections/communes/records**", async (route) => {
            drawStarted();
            await released;
            await route.continue();
        });
        await page.route("**/api/sync/pull", async (route) => {
            await drawing;
            await route.continue();
        });
        await page.goto(server.url + "/#/map");
        await waitForSync(page);
        release();
        assert.equal(await markers(page), initiatives, "every initiative drawn once the communes came");
    } finally {
        await context.close();
    }
});

test("a start on a network that does not answer draws the local data without waiting for it", async () => {
    const { context, page } = await newPage();
    try {
        await page.goto(server.url + "/#/map");
        await waitForSync(page);
        assert.equal(await markers(page), initiatives);
        // The settings request now never answers (a weak signal in the street): the map must
        // not wait for it, nor show "0 markers" before the local data is drawn.
        let configSettled = false;
        await page.route("**/api/maillage/config", () => { /* never answered */ });
        page.on("requestfailed", (r) => { configSettled ||= r.url().includes("/api/maillage/config"); });
        await page.reload();
        assert.equal(await markers(page), initiatives, "markers drawn from IndexedDB");
        assert.equal(configSettled, false, "drawn while the settings request was still waiting");
        const seen = await page.evaluate(() => /** @type {any} */ (window).markersSeen);
        assert.ok(seen.length > 0 && seen.every((/** @type {string} */ v) => v === String(initiatives)),
            `data-markers only ever said the drawn count: ${JSON.stringify(seen)}`);
    } finally {
        await context.close();
    }
});
