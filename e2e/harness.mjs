// End-to-end harness: the real maillage binary on a fresh data dir and a free port, Debian's
// Chromium driven by playwright-core, users made through the superuser API and signed in
// through the UI. Tests never reach outside the machine (tiles empty or local).
import { execFile, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { mkdtemp, mkdir, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { chromium } from "playwright-core";

const run = promisify(execFile);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const CHROMIUM = "/usr/bin/chromium";
export const SCREENSHOTS = join(ROOT, "e2e", "screenshots");
const SUPERUSER = { email: "e2e-admin@maillage.test", password: "e2e-admin-password-1" };

/** @type {Map<string, Promise<string>>} */
const built = new Map();
/** @type {string[]} */
const builtDirs = [];
// A binary is 80 MB: what this process built goes when it exits, or a run of every test file
// fills the disk (each file runs in its own process).
process.once("exit", () => {
    for (const dir of builtDirs) {
        rmSync(dir, { recursive: true, force: true });
    }
});

/**
 * binary returns the maillage binary for a release name (stamped into the service worker's
 * version): the one the test runner built when it names it in MAILLAGE_E2E_BINARY (the default
 * release), or one built once per test process into a temp dir removed at exit.
 * @param {string} [release]
 */
export function binary(release = "") {
    if (!release && process.env.MAILLAGE_E2E_BINARY) {
        return Promise.resolve(process.env.MAILLAGE_E2E_BINARY);
    }
    if (!built.has(release)) {
        built.set(release, build(release));
    }
    return /** @type {Promise<string>} */ (built.get(release));
}

/** @param {string} release */
async function build(release) {
    const dir = await mkdtemp(join(tmpdir(), "maillage-e2e-bin-"));
    builtDirs.push(dir);
    const out = join(dir, "maillage");
    const ldflags = release ? ["-ldflags", `-X github.com/maillage/maillage/pb_public.Release=${release}`] : [];
    await run("go", ["build", ...ldflags, "-o", out, "."], { cwd: ROOT, maxBuffer: 1 << 24 });
    return out;
}

/** freePort asks the OS for a free TCP port on 127.0.0.1. */
export function freePort() {
    return new Promise((resolve, reject) => {
        const srv = createServer();
        srv.unref();
        srv.on("error", reject);
        srv.listen(0, "127.0.0.1", () => {
            const { port } = /** @type {import("node:net").AddressInfo} */ (srv.address());
            srv.close(() => resolve(port));
        });
    });
}

/**
 * startServer starts maillage on a fresh data dir and waits until it answers. To restart a
 * server as a new release (a new deployment), stop it with {keepData: true} and start again
 * with its port and dataDir and another release name.
 * @param {{demo?: boolean, tiles?: string, release?: string, port?: number, dataDir?: string}} [opts]
 */
export async function startServer({ demo = true, tiles = "", release = "", port = 0, dataDir = "" } = {}) {
    const bin = await binary(release);
    dataDir ||= await mkdtemp(join(tmpdir(), "maillage-e2e-data-"));
    await run(bin, ["superuser", "upsert", SUPERUSER.email, SUPERUSER.password, "--dir", dataDir]);
    port ||= await freePort();
    const url = `http://127.0.0.1:${port}`;
    // --rate-limits=false: the tests sign many people in from 127.0.0.1, which the default rate
    // limits would refuse; they are tested in hardening/ (Go, over HTTP).
    const args = ["serve", "--http", `127.0.0.1:${port}`, "--dir", dataDir, "--tiles", tiles, "--rate-limits=false"];
    if (demo) {
        args.push("--demo");
    }
    const proc = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    proc.stdout.on("data", (d) => { log += d; });
    proc.stderr.on("data", (d) => { log += d; });
    await waitUntilUp(url, proc, () => log);
    /** @param {{keepData?: boolean}} [o] */
    const stop = async ({ keepData = false } = {}) => {
        if (proc.exitCode === null && proc.signalCode === null) {
            proc.kill("SIGTERM");
            await new Promise((r) => proc.once("exit", r));
        }
        if (!keepData) {
            await rm(dataDir, { recursive: true, force: true });
        }
    };
    return { url, port, dataDir, superuser: { ...SUPERUSER }, stop, log: () => log };
}

/**
 * waitUntilUp polls /api/health until the server answers (60 s at most: the demo loads first).
 * @param {string} url
 * @param {import("node:child_process").ChildProcess} proc
 * @param {() => string} log
 */
async function waitUntilUp(url, proc, log) {
    for (let i = 0; i < 600; i++) {
        if (proc.exitCode !== null || proc.signalCode !== null) {
            throw new Error(`maillage exited with ${proc.exitCode} before answering:\n${log()}`);
        }
        try {
            const res = await fetch(url + "/api/health");
            if (res.ok) {
                return;
            }
        } catch { /* not up yet */ }
        await new Promise((r) => setTimeout(r, 100));
    }
    proc.kill("SIGKILL");
    throw new Error(`maillage did not answer on ${url} within 60 s:\n${log()}`);
}

/** launchBrowser starts Debian's Chromium headless. */
export function launchBrowser() {
    return chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update"],
    });
}

/**
 * superuserToken signs the superuser in through the API.
 * @param {{url: string, superuser: {email: string, password: string}}} server
 */
export async function superuserToken(server) {
    const res = await fetch(server.url + "/api/collections/_superusers/auth-with-password", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ identity: server.superuser.email, password: server.superuser.password }),
    });
    if (!res.ok) {
        throw new Error(`superuser sign-in failed: ${res.status} ${await res.text()}`);
    }
    return (await res.json()).token;
}

/**
 * createUser creates a verified user with a role (resident, facilitator, moderator) through
 * the superuser API and returns the record.
 * @param {{url: string, superuser: {email: string, password: string}}} server
 * @param {{email: string, password: string, role?: string, name?: string}} user
 */
export async function createUser(server, { email, password, role = "resident", name = "" }) {
    const token = await superuserToken(server);
    const res = await fetch(server.url + "/api/collections/users/records", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: token },
        body: JSON.stringify({ email, password, passwordConfirm: password, role, verified: true,
            name: name || email.split("@")[0] }),
    });
    if (!res.ok) {
        throw new Error(`creating user ${email} failed: ${res.status} ${await res.text()}`);
    }
    return res.json();
}

/**
 * signIn signs a user in through the account view and waits until the app reopened its
 * session (html[data-user] holds the user's id) and, its sign-in done, went to the map: a
 * test that changes the view before that would see the app's own "#/map" replace it.
 * @param {import("playwright-core").Page} page
 * @param {{url: string}} server
 * @param {{email: string, password: string}} user
 */
export async function signIn(page, server, { email, password }) {
    await page.goto(server.url + "/#/account");
    await page.getByTestId("signin-email").fill(email);
    await page.getByTestId("signin-password").fill(password);
    await page.getByTestId("signin-submit").click();
    await page.waitForFunction(() => Boolean(document.documentElement.dataset.user) && location.hash === "#/map", null, { timeout: 15000 });
}

/**
 * waitForSync waits until the page finished a sync (html[data-synced]).
 * @param {import("playwright-core").Page} page
 * @param {number} [timeout]
 */
export async function waitForSync(page, timeout = 60000) {
    await page.waitForFunction(() => document.documentElement.dataset.synced === "true", null, { timeout });
}

/**
 * openSignedIn opens a new wide context (1280×800) with a page signed in as user, its first
 * sync done: one person's device in a test with several.
 * @param {import("playwright-core").Browser} browser
 * @param {{url: string}} server
 * @param {{email: string, password: string}} user
 */
export async function openSignedIn(browser, server, user) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, server, user);
    await waitForSync(page);
    return { context, page };
}

/**
 * showView goes to a hash of the app (same page) and waits until the router has drawn its view
 * (the app's "maillage:view" event, fired once the view rendered), never for a fixed time.
 * @param {import("playwright-core").Page} page
 * @param {string} url the server's address
 * @param {string} hash such as "#/list"
 */
export async function showView(page, url, hash) {
    await page.evaluate(() => {
        const w = /** @type {any} */ (window);
        if (!w.drawnViews) {
            w.drawnViews = [];
            document.addEventListener("maillage:view", () => w.drawnViews.push(location.hash));
        }
        w.drawnViews.length = 0;
    });
    await page.goto(`${url}/${hash}`);
    await page.waitForFunction((h) => /** @type {any} */ (window).drawnViews.includes(h), hash);
}

/**
 * nextFrames waits until the page has drawn two frames (a resize is laid out, and Leaflet,
 * which follows resizes on an animation frame, has fitted its map).
 * @param {import("playwright-core").Page} page
 */
export async function nextFrames(page) {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/**
 * screenshot saves the page at both reference sizes (360×740 and 1280×800) as
 * e2e/screenshots/<name>-<w>x<h>.png, and restores the viewport.
 * @param {import("playwright-core").Page} page
 * @param {string} name
 */
export async function screenshot(page, name) {
    await mkdir(SCREENSHOTS, { recursive: true });
    const before = page.viewportSize();
    for (const [width, height] of [[360, 740], [1280, 800]]) {
        await page.setViewportSize({ width, height });
        await nextFrames(page);
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}x${height}.png`), fullPage: false });
    }
    if (before) {
        await page.setViewportSize(before);
    }
}

/**
 * controlled waits until a service worker controls the page: the worker activates only once
 * it has stored the whole shell, so from then on every view's module loads offline.
 * @param {import("playwright-core").Page} page
 */
export async function controlled(page) {
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60000 });
}

/**
 * goOffline cuts the network of a context once each of its pages is controlled by the worker:
 * cut earlier, the worker's install fails and a view not loaded yet cannot load offline.
 * @param {import("playwright-core").BrowserContext} context
 */
export async function goOffline(context) {
    for (const page of context.pages()) {
        await controlled(page);
    }
    await context.setOffline(true);
}
