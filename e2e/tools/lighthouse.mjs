// Lighthouse (the npm package, with Debian's Chromium) on the served PWA: accessibility and
// best practices on the main views (mobile emulation, the default), each at least 95; and
// "installable" as Chromium itself judges it (Page.getInstallabilityErrors is empty: valid
// manifest with icons, a service worker controlling the page). Lighthouse 12 dropped its PWA
// category, so installability is asked of the browser directly.
// Run: node e2e/tools/lighthouse.mjs   (builds and starts the real binary with the demo data)
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { chromium } from "playwright-core";
import { CHROMIUM, startServer } from "../harness.mjs";

const MIN = 95;
const CATEGORIES = ["accessibility", "best-practices"];
const FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"];

/**
 * audit runs Lighthouse on url and returns the scores (0–100) and the failing audits.
 * @param {string} url
 * @param {number} port
 * @param {boolean} reset clear storage first (the first run; later runs reuse the synced data)
 */
async function audit(url, port, reset) {
    const res = await lighthouse(url, { port, output: "json", logLevel: "error", onlyCategories: CATEGORIES, disableStorageReset: !reset });
    const lhr = /** @type {any} */ (res).lhr;
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round(lhr.categories[c].score * 100)]));
    const failing = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary")
        .map((a) => `${a.id}: ${a.title}` + (a.id === "errors-in-console" ? " " + JSON.stringify((a.details?.items || []).map((i) => i.description)) : ""));
    return { scores, failing };
}

/**
 * installability asks Chromium whether the page can be installed, once the worker controls it.
 * @param {number} port the debugging port of the Chromium Lighthouse drove
 * @param {string} url
 */
async function installability(port, url) {
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    const page = await browser.contexts()[0].newPage();
    await page.goto(url);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
    const cdp = await page.context().newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    const manifest = await cdp.send("Page.getAppManifest");
    await page.close();
    await browser.close().catch(() => {});
    return { errors: installabilityErrors.map((e) => e.errorId), manifestErrors: manifest.errors.map((e) => e.message) };
}

const server = await startServer();
const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
let failed = false;
try {
    const views = process.env.LH_VIEWS ? process.env.LH_VIEWS.split(",") : ["#/map", "#/list", "#/agenda?p=month", "#/directory", "#/offers", "#/more", "#/about", "#/account"];
    await audit(`${server.url}/#/map`, chrome.port, true); // first visit: syncs the demo data
    const detail = await firstDetail(server.url);
    console.log("| view | accessibility | best practices | failing audits |\n|---|---|---|---|");
    for (const hash of [...views, detail]) {
        const { scores, failing } = await audit(`${server.url}/${hash}`, chrome.port, false);
        failed ||= Object.values(scores).some((s) => s < MIN);
        console.log(`| ${hash} | ${scores.accessibility} | ${scores["best-practices"]} | ${failing.join("; ") || "—"} |`);
    }
    const inst = await installability(chrome.port, `${server.url}/#/map`);
    console.log(`\ninstallable: ${inst.errors.length === 0 && inst.manifestErrors.length === 0 ? "yes" : "NO"}` +
        ` (installability errors: ${JSON.stringify(inst.errors)}, manifest errors: ${JSON.stringify(inst.manifestErrors)})`);
    failed ||= inst.errors.length > 0 || inst.manifestErrors.length > 0;
} finally {
    await chrome.kill();
    await server.stop();
}
if (failed) {
    console.error(`\na score is under ${MIN} or the PWA is not installable`);
    process.exitCode = 1;
}

/**
 * firstDetail returns the hash of a published initiative's page.
 * @param {string} url
 */
async function firstDetail(url) {
    const res = await (await fetch(`${url}/api/collections/initiatives/records?perPage=1&sort=name`)).json();
    return `#/i/initiatives/${res.items[0].id}`;
}
