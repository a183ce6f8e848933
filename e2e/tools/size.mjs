// Measures the PWA's first load: every response the page fetches until the network is idle
// (service workers blocked, so the precache is not counted there), each body gzipped (level
// 6, what servers send); and the whole precached shell. Fails above the 300 KB budget.
// Run: node e2e/tools/size.mjs   (builds and starts the real binary with the demo data)
import { gzipSync } from "node:zlib";
import { launchBrowser, startServer } from "../harness.mjs";

const BUDGET = 300 * 1024;

/**
 * firstLoad loads hash in a fresh context and returns [{url, type, raw, gz}] of the non-API
 * responses.
 * @param {import("playwright-core").Browser} browser
 * @param {string} url
 */
async function firstLoad(browser, url) {
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    const rows = [];
    page.on("response", async (res) => {
        const u = new URL(res.url());
        if (u.pathname.startsWith("/api/") || res.status() !== 200) {
            return;
        }
        const body = await res.body().catch(() => Buffer.alloc(0));
        rows.push({ url: u.pathname, type: res.request().resourceType(), raw: body.length, gz: gzipSync(body, { level: 6 }).length });
    });
    await page.goto(url + "/#/map", { waitUntil: "networkidle" });
    await page.waitForFunction(() => document.documentElement.dataset.ready === "true");
    await page.waitForTimeout(500);
    await context.close();
    return rows;
}

/**
 * shellSize fetches every precached file listed in the served sw.js and sums their gzip sizes.
 * @param {string} url
 */
async function shellSize(url) {
    const sw = await (await fetch(url + "/sw.js")).text();
    const list = JSON.parse(/const SHELL = (\[[^\]]*\]);/.exec(sw)?.[1] || "[]");
    let raw = 0;
    let gz = 0;
    for (const path of list) {
        const body = Buffer.from(await (await fetch(url + path)).arrayBuffer());
        raw += body.length;
        gz += gzipSync(body, { level: 6 }).length;
    }
    return { files: list.length, raw, gz };
}

const kb = (/** @type {number} */ n) => (n / 1024).toFixed(1) + " KB";

const server = await startServer();
const browser = await launchBrowser();
try {
    const rows = await firstLoad(browser, server.url);
    rows.sort((a, b) => b.gz - a.gz);
    for (const r of rows) {
        console.log(`${kb(r.gz).padStart(10)} gz ${kb(r.raw).padStart(10)} raw  ${r.type.padEnd(10)} ${r.url}`);
    }
    const total = rows.reduce((s, r) => s + r.gz, 0);
    const raw = rows.reduce((s, r) => s + r.raw, 0);
    const shell = await shellSize(server.url);
    console.log(`\nfirst load (map view, ${rows.length} files): ${kb(total)} gzip, ${kb(raw)} raw; budget ${kb(BUDGET)}`);
    console.log(`whole precached shell (${shell.files} files, fetched once by the service worker): ${kb(shell.gz)} gzip, ${kb(shell.raw)} raw`);
    if (total > BUDGET) {
        console.error(`over budget by ${kb(total - BUDGET)}`);
        process.exitCode = 1;
    }
} finally {
    await browser.close();
    await server.stop();
}
