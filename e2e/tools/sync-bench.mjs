// A first sync at the scale of a real territory, in Chromium: 20 000 public initiatives (the
// names and texts of the real places of the repository's testdata/poi, repeated, on a grid of points inside
// the territory) are added through the batch API, then a
// fresh browser opens the map as an anonymous visitor. Reports the first sync's duration, the
// progress texts the bar showed, the time to draw every marker, and the list's search time on
// the synced IndexedDB data. Run: node e2e/tools/sync-bench.mjs [count]
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launchBrowser, startServer, superuserToken } from "../harness.mjs";

const COUNT = Number(process.argv[2] || 20000);
const BATCH = 100;
const DATA = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "testdata", "poi", "lieux-cnfs-idf-2022.json");

/** places reads the real digital-help places of Île-de-France. */
function places() {
    try {
        return JSON.parse(readFileSync(DATA, "utf8")).filter((/** @type {any} */ p) => p.latitude && p.longitude);
    } catch (err) {
        throw new Error(`the bench reads the real places in ${DATA}: ${err.message}`);
    }
}

/**
 * spread places record j on a grid inside the territory (the real places lie all over
 * Île-de-France, and the server refuses points outside the territory).
 * @param {number} j
 */
function spread(j) {
    return { lon: 2.335 + (j % 150) * 0.0004, lat: 48.905 + Math.floor(j / 150) % 140 * 0.0003 };
}

/**
 * seed adds COUNT published public initiatives through /api/batch, BATCH per request.
 * @param {{url: string, superuser: any}} server
 * @param {string} category
 */
async function seed(server, category) {
    const token = await superuserToken(server);
    const base = places();
    for (let i = 0; i < COUNT; i += BATCH) {
        const requests = [];
        for (let j = i; j < Math.min(i + BATCH, COUNT); j++) {
            const p = base[j % base.length];
            const round = Math.floor(j / base.length);
            requests.push({ method: "POST", url: "/api/collections/initiatives/records", body: {
                name: round ? `${p.nom} ${round + 1}` : p.nom, description: p.services || "", address: `${p.adresse}, ${p.code_postal} ${p.commune}`,
                openingHours: p.horaires || "", geo: spread(j), categories: [category],
                status: "published", visibility: "public" } });
        }
        const res = await fetch(server.url + "/api/batch", { method: "POST", headers: { "Content-Type": "application/json", Authorization: token },
            body: JSON.stringify({ requests }) });
        if (!res.ok) {
            throw new Error(`seeding failed at ${i}: ${res.status} ${(await res.text()).slice(0, 300)}`);
        }
    }
}

const server = await startServer({ demo: true });
const browser = await launchBrowser();
try {
    const cat = (await (await fetch(`${server.url}/api/collections/categories/records?perPage=1&filter=${encodeURIComponent('slug="inclusion-numerique"')}`)).json()).items[0]?.id
        || (await (await fetch(`${server.url}/api/collections/categories/records?perPage=1`)).json()).items[0].id;
    let t = Date.now();
    await seed(server, cat);
    console.log(`seeded ${COUNT} initiatives in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(() => {
        /** @type {any} */ (window).seen = [];
        new MutationObserver(() => {
            const label = document.getElementById("progress-label")?.textContent;
            const w = /** @type {any} */ (window);
            if (label && w.seen[w.seen.length - 1] !== label) {
                w.seen.push(label.replace(/\u202f|\u00a0/g, " "));
            }
        }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    t = Date.now();
    await page.goto(server.url + "/#/map");
    await page.waitForFunction(() => document.documentElement.dataset.synced === "true", null, { timeout: 900000 });
    const syncMs = Date.now() - t;
    const seen = await page.evaluate(() => /** @type {any} */ (window).seen);
    t = Date.now();
    await page.reload();
    await page.waitForFunction((n) => Number(document.querySelector("[data-testid=map]")?.getAttribute("data-markers")) >= n, COUNT, { timeout: 300000 });
    const mapMs = Date.now() - t;
    await page.goto(server.url + "/#/list");
    await page.waitForSelector("[data-testid=list-item]");
    const searchMs = await page.evaluate(async () => {
        const input = /** @type {HTMLInputElement} */ (document.querySelector("[data-testid=list-search]"));
        const times = [];
        for (const q of ["mediation", "saint denis", "ordinateur smartphone", "paris 10"]) {
            const s = performance.now();
            input.value = q;
            input.dispatchEvent(new Event("input", { bubbles: true }));
            await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
            times.push(performance.now() - s);
        }
        return times;
    });
    const parts = await page.evaluate(async () => {
        const { searchIndex } = await import("/js/data.js");
        const { filter } = await import("/js/filters.js");
        const { state } = await import("/js/session.js");
        const none = { q: "saint denis", type: "", cat: "", commune: "", km: 0, open: false };
        let s = performance.now();
        const index = await searchIndex(state.db);
        const memo = performance.now() - s;
        s = performance.now();
        const hits = filter(index, none, new Map(), null, new Date()).length;
        return { memo, filter: performance.now() - s, hits };
    });
    console.log(`first sync of ${COUNT} initiatives (+ the demo) as an anonymous visitor: ${(syncMs / 1000).toFixed(1)} s`);
    console.log(`progress texts shown: ${seen.length}, e.g. ${JSON.stringify(seen.filter((s) => /initiatives/.test(s)).slice(-3))}`);
    console.log(`reload and draw every marker from IndexedDB: ${(mapMs / 1000).toFixed(1)} s`);
    console.log(`list: type a query → results drawn (search + filters + 50 cards), ms: ${searchMs.map((x) => x.toFixed(0)).join(", ")}`);
    console.log(`search + filters alone on the synced index ("saint denis", ${parts.hits} hits): ${parts.filter.toFixed(1)} ms`);
} finally {
    await browser.close();
    await server.stop();
}
