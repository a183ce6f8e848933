// e2e (k): the territory's own base map. The server serves a vector archive generated from the
// real communes (maillage basemap sketch); the map draws it with protomaps-leaflet; "keep this
// area offline" shows the area's size, then stores its tiles with a progress bar; with the
// network cut (and the visited tiles' cache emptied, so only the kept tiles remain) the base
// map still draws. Negative control: without the kept tiles, nothing of it draws offline. A
// raster archive shows as image tiles. An invalid archive is refused at start with a one-line
// error.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { after, before, describe, test } from "node:test";
import { binary, goOffline, launchBrowser, screenshot, startServer } from "./harness.mjs";

const run = promisify(execFile);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const COMMUNES = join(ROOT, "testdata", "boundaries", "plaine-commune-9-communes.geojson");
const INVALID = join(ROOT, "testdata", "basemap", "protomaps-invalid-v4.pmtiles");
const RASTER = join(ROOT, "testdata", "basemap", "stamen-toner-raster-z3.pmtiles");
/** The land's colour in pb_public/js/ui/basemap-style.js (COLOURS.earth). */
const EARTH = [0xf7, 0xf5, 0xef];

/** @type {import("playwright-core").Browser} */
let browser;
let work = "";
let archive = "";

before(async () => {
    browser = await launchBrowser();
    work = await mkdtemp(join(tmpdir(), "maillage-e2e-basemap-"));
    archive = join(work, "plaine-commune.pmtiles");
    await run(await binary(), ["basemap", "sketch", "--dir", join(work, "pb"), "--communes", COMMUNES, "--maxzoom", "15",
        "--out", archive, "--attribution", "IGN Admin Express, INSEE COG"]);
});
after(async () => {
    await browser?.close();
    await rm(work, { recursive: true, force: true });
});

/**
 * earthPixels counts the pixels of the land's colour on the base map's tiles: the tiles' data
 * drew (without it a tile holds only the background).
 * @param {import("playwright-core").Page} page
 */
function earthPixels(page) {
    return page.evaluate((rgb) => {
        let n = 0;
        for (const c of /** @type {NodeListOf<HTMLCanvasElement>} */ (document.querySelectorAll(".leaflet-tile-pane canvas.leaflet-tile"))) {
            if (c.width === 0) {
                continue;
            }
            const d = /** @type {CanvasRenderingContext2D} */ (c.getContext("2d")).getImageData(0, 0, c.width, c.height).data;
            for (let i = 0; i < d.length; i += 4) {
                n += Math.abs(d[i] - rgb[0]) + Math.abs(d[i + 1] - rgb[1]) + Math.abs(d[i + 2] - rgb[2]) <= 6 ? 1 : 0;
            }
        }
        return n;
    }, EARTH);
}

/**
 * clearHttpCache empties the browser's HTTP cache (tiles are cacheable for a day), so that
 * offline only the service worker's caches can answer.
 * @param {import("playwright-core").Page} page
 */
async function clearHttpCache(page) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.clearBrowserCache");
    await cdp.detach();
}

/**
 * reloadMap reloads the map and waits until the base map's tiles in view have all drawn.
 * @param {import("playwright-core").Page} page
 */
async function reloadMap(page) {
    await page.reload();
    await page.waitForFunction(() => {
        const box = document.querySelector("[data-testid=map]");
        return box instanceof HTMLElement && box.dataset.basemap === "vector" && box.dataset.basemapLoaded === "true";
    }, null, { timeout: 60000 });
}

describe("the territory's base map", () => {
    test("an invalid archive is refused at start, on one line", async () => {
        const data = join(work, "refused");
        // A server that starts anyway is killed after 30 s and fails the test (never a hang).
        const err = await run(await binary(), ["serve", "--dir", data, "--http", "127.0.0.1:0", "--basemap", INVALID], { timeout: 30000 })
            .then(() => null, (e) => e);
        assert.ok(err, "the server started with an invalid archive");
        const lines = String(err.stderr).trim().split("\n");
        assert.equal(err.killed, false, "the server started with an invalid archive");
        assert.equal(lines.length, 1, String(err.stderr));
        assert.match(lines[0], /protomaps-invalid-v4\.pmtiles is not a usable PMTiles archive: spec version 4/);
    });

    test("a raster archive shows as Leaflet image tiles, its deepest zoom enlarged, and is kept", async () => {
        process.env.MAILLAGE_BASEMAP = RASTER;
        const server = await startServer({ demo: false });
        delete process.env.MAILLAGE_BASEMAP;
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        try {
            await page.goto(server.url + "/#/map");
            await page.waitForFunction(() => {
                const box = document.querySelector("[data-testid=map]");
                return box instanceof HTMLElement && box.dataset.basemap === "raster" && box.dataset.basemapLoaded === "true";
            }, null, { timeout: 60000 });
            const srcs = await page.evaluate(() => [...document.querySelectorAll("img.leaflet-tile-loaded")].map((i) => new URL(/** @type {HTMLImageElement} */ (i).src).pathname));
            assert.ok(srcs.length > 0 && srcs.every((p) => /^\/api\/maillage\/basemap\/3\/\d+\/\d+\.png$/.test(p)), srcs.join(" "));
            await page.getByTestId("map-keep-area").click();
            assert.match(await page.getByTestId("map-keep-size").textContent({ timeout: 30000 }) || "", /jusqu'au zoom 3\./);
            await page.getByTestId("map-keep-start").click();
            await page.waitForFunction(() => /Zone enregistrée/.test(document.querySelector("[data-testid=map-status]")?.textContent || ""), null, { timeout: 60000 });
        } finally {
            await context.close();
            await server.stop();
        }
    });

    test("drawn from the server, kept for offline with its size shown first, drawn with the network cut", async (t) => {
        process.env.MAILLAGE_BASEMAP = archive;
        const server = await startServer();
        delete process.env.MAILLAGE_BASEMAP;
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        try {
            await page.goto(server.url + "/#/map");
            await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
            await reloadMap(page);
            assert.ok(await earthPixels(page) > 1000, "online, the base map draws");
            await screenshot(page, "map-basemap");

            await page.getByTestId("map-keep-area").click();
            const size = await page.getByTestId("map-keep-size").textContent({ timeout: 30000 });
            assert.match(size || "", /Cette zone : \d+ tuiles, \d+ ko, jusqu'au zoom 15\./);
            await screenshot(page, "map-basemap-keep");
            const started = Date.now();
            await page.getByTestId("map-keep-start").click();
            await page.waitForFunction(() => /Zone enregistrée/.test(document.querySelector("[data-testid=map-status]")?.textContent || ""), null, { timeout: 120000 });
            const took = Date.now() - started; // reported for BENCHMARKS.md, never asserted
            const kept = await page.evaluate(async () => (await (await caches.open("maillage-tiles-kept")).keys()).map((r) => new URL(r.url).pathname));
            const tiles = Number(/(\d+) tuiles/.exec(size || "")?.[1]);
            assert.equal(kept.length, tiles, "every tile the size announced is kept");
            assert.ok(kept.every((p) => /^\/api\/maillage\/basemap\/\d+\/\d+\/\d+\.mvt$/.test(p)), kept[0]);
            t.diagnostic(`kept ${size} in ${took} ms`);

            // Only the kept tiles remain: no visited tiles' cache, no browser HTTP cache.
            await page.evaluate(() => caches.delete("maillage-tiles"));
            await clearHttpCache(page);
            await goOffline(context);
            await reloadMap(page);
            assert.ok(await earthPixels(page) > 1000, "offline, the kept base map draws");
            await screenshot(page, "map-basemap-offline");

            // Negative control: without the kept tiles, the same offline page draws none of it.
            await page.evaluate(async () => { await caches.delete("maillage-tiles-kept"); await caches.delete("maillage-tiles"); });
            await clearHttpCache(page);
            await reloadMap(page);
            assert.equal(await earthPixels(page), 0, "offline without kept tiles, the base map does not draw");
        } finally {
            await context.close();
            await server.stop();
        }
    });
});
