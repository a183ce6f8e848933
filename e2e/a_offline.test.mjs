// e2e (a): the PWA is installable (valid manifest, service worker controlling the page), and
// after one sync a reload with no network (the browser offline and the server stopped) shows
// the map, the list and a detail page from IndexedDB. Also: visited tiles are cached and "keep
// this area" stores the territory's tiles; screenshots of the main views at 360×740 and
// 1280×800 go to e2e/screenshots/.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { controlled, goOffline, launchBrowser, screenshot, showView, startServer, waitForSync } from "./harness.mjs";
import { startTileServer } from "./tools/tile-server.mjs";

/** @type {import("playwright-core").Browser} */
let browser;

before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/**
 * pngSize reads the width and height of a PNG from its IHDR chunk.
 * @param {ArrayBuffer} buf
 */
function pngSize(buf) {
    const v = new DataView(buf);
    assert.equal(v.getUint32(0), 0x89504e47, "not a PNG");
    return `${v.getUint32(16)}x${v.getUint32(20)}`;
}

/**
 * serverCount asks the API how many public records of c anyone can list.
 * @param {string} url
 * @param {string} c
 */
async function serverCount(url, c) {
    const res = await fetch(`${url}/api/collections/${c}/records?perPage=1&filter=${encodeURIComponent("deleted = false")}`);
    return (await res.json()).totalItems;
}

describe("installable", () => {
    /** @type {Awaited<ReturnType<typeof startServer>>} */
    let server;
    before(async () => { server = await startServer(); });
    after(async () => { await server?.stop(); });

    test("the manifest is valid and its icons exist at their sizes", async () => {
        const res = await fetch(server.url + "/manifest.webmanifest");
        assert.equal(res.status, 200);
        const m = await res.json();
        assert.equal(m.lang, "fr");
        assert.equal(m.display, "standalone");
        assert.ok(m.name && m.short_name && m.short_name.length <= 12, "name and a short name of 12 characters at most");
        assert.match(m.theme_color, /^#[0-9a-f]{6}$/i);
        assert.match(m.background_color, /^#[0-9a-f]{6}$/i);
        assert.ok(new URL(m.start_url, server.url).pathname === "/", "start_url inside the scope");
        const want = new Set(["192x192 any", "512x512 any", "192x192 maskable", "512x512 maskable"]);
        for (const icon of m.icons.filter((/** @type {any} */ i) => i.type === "image/png")) {
            const img = await fetch(server.url + icon.src);
            assert.equal(img.status, 200, icon.src);
            assert.equal(pngSize(await img.arrayBuffer()), icon.sizes, `${icon.src} is not ${icon.sizes}`);
            want.delete(`${icon.sizes} ${icon.purpose}`);
        }
        assert.deepEqual([...want], [], "missing icons");
    });

    test("the service worker controls the page and precaches the shell, never /api/", async () => {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(server.url + "/#/list");
        await controlled(page);
        await waitForSync(page);
        await page.reload();
        const caches = await page.evaluate(async () => {
            const out = {};
            for (const name of await self.caches.keys()) {
                out[name] = (await (await self.caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
            }
            return out;
        });
        const shell = Object.keys(caches).filter((n) => n.startsWith("maillage-shell-"));
        assert.equal(shell.length, 1, `one versioned shell cache, got ${Object.keys(caches)}`);
        for (const path of ["/", "/app.js", "/sw.js", "/js/views/map.js", "/vendor/leaflet/leaflet.js", "/icons/icon-192.png"]) {
            assert.equal(caches[shell[0]].includes(path), path !== "/sw.js", `${path} precached: ${path !== "/sw.js"}`);
        }
        const api = Object.values(caches).flat().filter((p) => p.startsWith("/api/"));
        assert.deepEqual(api, [], "nothing under /api/ is cached");
        await context.close();
    });
});

describe("accessible and light", () => {
    test("keyboard: skip link, search, open a result; no horizontal scroll at 360 px", async () => {
        const server = await startServer();
        const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
        const page = await context.newPage();
        try {
            await page.goto(server.url + "/#/list");
            await waitForSync(page);
            await page.reload();
            await page.waitForSelector("[data-testid=list-item]");
            await page.keyboard.press("Tab");
            assert.equal(await page.evaluate(() => document.activeElement?.className), "skip", "the first Tab reaches the skip link");
            const ring = await page.evaluate(() => getComputedStyle(/** @type {Element} */ (document.activeElement)).outlineWidth);
            assert.equal(ring, "3px", "focus is visible");
            await page.keyboard.press("Enter");
            await page.keyboard.press("Tab");
            assert.equal(await page.evaluate(() => document.activeElement?.id), "f-q", "after the skip link, the search box");
            await page.keyboard.type("poste saint denis");
            await page.waitForFunction(() => location.hash.includes("q=poste+saint+denis") && document.querySelectorAll("[data-testid=list-item]").length > 0);
            assert.match(await page.locator("[data-testid=list-item] a.title").first().innerText(), /Poste de Saint-Denis/i);
            await page.keyboard.press("Tab"); // the filters' summary
            await page.keyboard.press("Tab"); // the first result's link
            const title = await page.evaluate(() => document.activeElement?.textContent);
            await page.keyboard.press("Enter");
            await page.waitForSelector("[data-testid=detail-title]");
            assert.equal(await page.getByTestId("detail-title").innerText(), title);
            for (const view of ["map", "list", "agenda?p=month", "directory", "offers", "about", await page.evaluate(() => location.hash.slice(2))]) {
                await showView(page, server.url, `#/${view}`);
                const width = await page.evaluate(() => document.documentElement.scrollWidth);
                assert.ok(width <= 360, `#/${view} is ${width} px wide at 360 px`);
            }
        } finally {
            await context.close();
            await server.stop();
        }
    });
});

describe("a new deployment", () => {
    test("shows 'a new version is available — reload', which activates the new worker", async () => {
        const v1 = await startServer({ release: "e2e-v1" });
        const context = await browser.newContext();
        const page = await context.newPage();
        /** @type {Awaited<ReturnType<typeof startServer>>|null} */
        let v2 = null;
        try {
            await page.goto(v1.url + "/#/about");
            await controlled(page);
            await page.reload();
            assert.equal(await page.getByTestId("update-banner").isVisible(), false, "no banner without a new version");
            const oldCaches = await page.evaluate(() => caches.keys());
            await v1.stop({ keepData: true });
            v2 = await startServer({ release: "e2e-v2", port: v1.port, dataDir: v1.dataDir });
            await page.reload(); // the browser checks /sw.js on navigation and finds it changed
            await page.getByTestId("update-banner").waitFor({ state: "visible", timeout: 30000 });
            assert.match(await page.getByTestId("update-banner").innerText(), /nouvelle version est disponible —\s*recharger/);
            await Promise.all([page.waitForEvent("load"), page.getByTestId("update-reload").click()]);
            await page.waitForFunction((old) => caches.keys().then((k) => k.some((n) => n.startsWith("maillage-shell-") && !old.includes(n))), oldCaches);
            await page.waitForFunction((old) => caches.keys().then((k) => !k.some((n) => old.includes(n) && n.startsWith("maillage-shell-"))), oldCaches);
            assert.equal(await page.getByTestId("update-banner").isVisible(), false, "the new version runs");
        } finally {
            await context.close();
            await v2?.stop();
            await v1.stop();
        }
    });
});

describe("offline after one sync", () => {
    test("a reload with no network shows the map, the list and a detail page", async () => {
        const server = await startServer();
        const [initiatives, events] = [await serverCount(server.url, "initiatives"), await serverCount(server.url, "events")];
        assert.ok(initiatives > 0 && events > 0, "the demo has public initiatives and events");
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        await page.addInitScript(recordProgress);
        try {
            await page.goto(server.url + "/#/map");
            await controlled(page);
            await waitForSync(page);
            const seen = await page.evaluate(() => /** @type {any} */ (window).progressSeen);
            assert.ok(seen.includes(`${initiatives} / ${initiatives} initiatives`), `the progress bar counted initiatives: ${JSON.stringify(seen)}`);
            assert.equal(await page.getByTestId("sync-progress").isVisible(), false, "the progress bar hides once synced");
            await shootMainViews(page, server.url);
            const first = await page.evaluate(() => document.querySelector("[data-testid=list-item] a.title")?.textContent);
            const detailHash = await page.evaluate(() => document.querySelector("[data-testid=list-item] a.title")?.getAttribute("href"));
            assert.ok(first && detailHash, "the list shows records online");
            await server.stop();
            await goOffline(context);

            await page.goto(server.url + "/#/map"); // same page, new hash
            await page.reload();
            await page.waitForSelector("[data-testid=map][data-markers]");
            const map = await page.locator("[data-testid=map]").evaluate((el) => ({ ...el.dataset }));
            assert.ok(Number(map.markers) > 0, `markers drawn offline: ${map.markers}`);
            assert.equal(map.communes, "8", "the 8 commune boundaries drawn offline");
            assert.match(await page.getByTestId("net-status").innerText(), /Hors ligne/);

            await page.getByTestId("nav-list").click();
            await page.waitForSelector("[data-testid=list-item]");
            assert.match(await page.getByTestId("list-count").innerText(), new RegExp(`${initiatives + events}|\\d+ résultats`));
            await page.getByTestId("list-search").fill("mediation numerique");
            await page.waitForFunction(() => document.querySelectorAll("[data-testid=list-item]").length > 0);
            await page.goto(server.url + "/" + detailHash); // a navigation served by the worker
            await page.waitForSelector("[data-testid=detail-title]");
            assert.equal(await page.getByTestId("detail-title").innerText(), first.trim());
            await screenshot(page, "offline-detail");
            for (const [hash, selector] of [["#/agenda?p=month", "[data-testid=agenda-event]"], ["#/offers", "[data-testid=list-item]"],
                ["#/directory", "[data-testid=directory-organisations] [data-testid=list-item]"]]) {
                await page.goto(`${server.url}/${hash}`);
                await page.waitForSelector(selector);
            }
            assert.match(await page.locator("main").innerText(), /quand le réseau est là/, "the directory says profiles need the network");
        } finally {
            await context.close();
            await server.stop();
        }
    });

    test("negative control: with no worker and no sync, an offline visit shows nothing", async () => {
        const server = await startServer();
        const context = await browser.newContext();
        const page = await context.newPage();
        try {
            await context.setOffline(true);
            await assert.rejects(page.goto(server.url + "/#/list"), /ERR_INTERNET_DISCONNECTED/);
        } finally {
            await context.close();
            await server.stop();
        }
    });
});

describe("map tiles", () => {
    test("visited tiles are cached; 'keep this area' stores the territory's tiles", async () => {
        const tiles = await startTileServer();
        const server = await startServer({ tiles: tiles.template });
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        try {
            await page.goto(server.url + "/#/map");
            await controlled(page);
            await page.reload(); // tiles now go through the worker
            await page.waitForFunction(() => document.querySelectorAll("img.leaflet-tile-loaded").length > 0);
            await page.waitForFunction(async () => (await (await caches.open("maillage-tiles")).keys()).length > 0);
            await screenshot(page, "map-tiles");
            await page.getByTestId("map-keep-area").click();
            await page.waitForFunction(() => /Zone enregistrée/.test(document.querySelector("[data-testid=map-status]")?.textContent || ""), null, { timeout: 120000 });
            const kept = await page.evaluate(async () => (await (await caches.open("maillage-tiles-kept")).keys()).length);
            assert.ok(kept > 100 && kept <= 3000, `kept ${kept} tiles, bounded by 3000`);
            const before = tiles.hits();
            await goOffline(context);
            await page.reload();
            await page.waitForFunction(() => document.querySelectorAll("img.leaflet-tile").length > 0);
            await page.waitForFunction(() => document.querySelectorAll("img.leaflet-tile:not(.leaflet-tile-loaded)").length === 0, null, { timeout: 60000 });
            const shown = await page.evaluate(() => ({
                loaded: document.querySelectorAll("img.leaflet-tile-loaded").length,
                all: document.querySelectorAll("img.leaflet-tile").length,
            }));
            assert.ok(shown.loaded > 0 && shown.loaded === shown.all, `offline tiles shown: ${JSON.stringify(shown)}`);
            assert.equal(tiles.hits(), before, "offline, tiles come from the caches");
        } finally {
            await context.close();
            await server.stop();
            await tiles.stop();
        }
    });
});

/** recordProgress (run in the page before its scripts) keeps every text the progress label shows. */
function recordProgress() {
    /** @type {any} */ (window).progressSeen = [];
    new MutationObserver(() => {
        const label = document.getElementById("progress-label");
        const box = document.getElementById("progress");
        if (label && box && !box.hidden && label.textContent) {
            /** @type {any} */ (window).progressSeen.push(label.textContent.replace(/\u202f|\u00a0/g, " "));
        }
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
}

/**
 * shootMainViews saves screenshots of the main views at both sizes.
 * @param {import("playwright-core").Page} page
 * @param {string} url
 */
async function shootMainViews(page, url) {
    for (const view of ["map", "list", "agenda?p=month", "directory", "offers", "about"]) {
        await page.goto(`${url}/#/${view}`);
        await page.waitForFunction((v) => document.querySelector("main")?.dataset.view === v, view.split("?")[0]);
        if (view === "map") {
            await page.waitForFunction(() => Number(document.querySelector("[data-testid=map]")?.getAttribute("data-markers")) > 0);
        }
        await screenshot(page, view.split("?")[0]);
    }
    await page.goto(`${url}/#/list`);
    await page.waitForSelector("[data-testid=list-item]");
    await page.locator("[data-testid=list-item] a.title").first().click();
    await page.waitForSelector("[data-testid=detail-title]");
    await screenshot(page, "detail");
    await page.goto(`${url}/#/list`);
    await page.waitForSelector("[data-testid=list-item]");
}
