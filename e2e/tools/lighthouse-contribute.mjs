// Lighthouse accessibility and best practices on the contribution views as a signed-in
// facilitator (forms, cartoparty, outbox, an open conflict, account), each at least 95.
// The anonymous views are audited by lighthouse.mjs.
// Run: node e2e/tools/lighthouse-contribute.mjs   (builds and starts the real binary with the demo data)
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { chromium } from "playwright-core";
import { CHROMIUM, createUser, startServer } from "../harness.mjs";
import { api, userToken } from "../contrib.mjs";

const MIN = 95;
const CATEGORIES = ["accessibility", "best-practices"];
const FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"];
const VIEWS = ["#/contribute", "#/contribute/initiatives", "#/contribute/events", "#/contribute/offers",
    "#/contribute/organisations", "#/cartoparty", "#/outbox", "#/conflicts", "#/account"];

/**
 * audit runs Lighthouse on url, keeping the browser's storage (the signed-in session).
 * @param {string} url
 * @param {number} port
 */
async function audit(url, port) {
    const res = await lighthouse(url, { port, output: "json", logLevel: "error", onlyCategories: CATEGORIES, disableStorageReset: true });
    const lhr = /** @type {any} */ (res).lhr;
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round(lhr.categories[c].score * 100)]));
    const failing = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary")
        .map((a) => `${a.id}: ${a.title}`);
    return { scores, failing };
}

/**
 * openConflict makes the user lose a conflict on a name, so that the conflict view has a row:
 * two devices of theirs push concurrent edits of the same record.
 * @param {any} server
 * @param {string} token
 * @param {string} userId
 */
async function openConflict(server, token, userId) {
    const rec = await api(server, token, "POST", "/api/collections/initiatives/records",
        { name: "Jardin du Landy", author: userId, visibility: "public" });
    for (const [clientId, name] of [["devicea00000000", "Jardin partagé du Landy"], ["deviceb00000000", "Jardin du Landy (Aubervilliers)"]]) {
        await api(server, token, "POST", "/api/sync/push", {
            clientId, mutations: [{ mseq: 1, c: "initiatives", id: rec.id, op: "update", baseRev: 0, base: { name: "Jardin du Landy" }, fields: { name } }],
        });
    }
}

/**
 * signInBrowser stores the user's session in the audited browser, as the PocketBase SDK does.
 * @param {number} port
 * @param {string} url
 * @param {{token: string, record: any}} auth
 */
async function signInBrowser(port, url, auth) {
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    const page = await browser.contexts()[0].newPage();
    await page.goto(url);
    await page.evaluate((a) => localStorage.setItem("pocketbase_auth", JSON.stringify(a)), auth);
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.synced === "true", null, { timeout: 60000 });
    await page.close();
    await browser.close().catch(() => {});
}

const server = await startServer();
const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
let failed = false;
try {
    const user = { email: "lh@maillage.test", password: "lighthouse-password-1", role: "facilitator" };
    const record = await createUser(server, user);
    const token = await userToken(server, user);
    await openConflict(server, token, record.id);
    await signInBrowser(chrome.port, server.url, { token, record });
    console.log("| view (signed in) | accessibility | best practices | failing audits |\n|---|---|---|---|");
    for (const hash of VIEWS) {
        const { scores, failing } = await audit(`${server.url}/${hash}`, chrome.port);
        failed ||= Object.values(scores).some((s) => s < MIN);
        console.log(`| ${hash} | ${scores.accessibility} | ${scores["best-practices"]} | ${failing.join("; ") || "—"} |`);
    }
} finally {
    await chrome.kill();
    await server.stop();
}
if (failed) {
    console.error(`\na score is under ${MIN}`);
    process.exitCode = 1;
}
