// The PWA runs under a strict Content-Security-Policy (hardening/csp.go): no inline script, no
// origin but the server's own and the configured tile server. Every main view loads, signed in,
// with the header present and no securitypolicyviolation event, the foreign tiles drawing;
// negative controls: an inline script and an inline handler injected into the page are
// blocked (the violation event fires and the code does not run). A community named with markup
// is listed as text in the network view (run on the code before the fix, the test found the
// markup drawn as an element there).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { deflateSync } from "node:zlib";
import { createUser, freePort, launchBrowser, showView, signIn, startServer, superuserToken, waitForSync } from "./harness.mjs";

const VIEWS = ["#/list", "#/agenda", "#/directory", "#/offers", "#/about", "#/account", "#/more",
    "#/contribute/initiatives", "#/contribute/events", "#/outbox", "#/conflicts", "#/forum", "#/proposals",
    "#/wiki", "#/network", "#/evaluation", "#/messages", "#/moderation", "#/duplicates", "#/cartoparty"];

let server;
let browser;
let tiles;
let tileRequests = 0;

before(async () => {
    const port = await freePort();
    tiles = createServer((req, res) => {
        tileRequests++;
        res.writeHead(200, { "Content-Type": "image/png", "Access-Control-Allow-Origin": "*" }).end(png());
    });
    await new Promise((r) => tiles.listen(port, "127.0.0.1", r));
    server = await startServer({ demo: true, tiles: `http://127.0.0.1:${port}/{z}/{x}/{y}.png` });
    browser = await launchBrowser();
});

after(async () => {
    await browser?.close();
    await server?.stop();
    tiles?.close();
});

/** png is a 1×1 grey PNG, the tile server's every answer. */
function png() {
    const chunk = (type, data) => {
        const len = Buffer.alloc(4);
        len.writeUInt32BE(data.length);
        const crc = Buffer.alloc(4);
        crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), data])));
        return Buffer.concat([len, Buffer.from(type), data, crc]);
    };
    const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
    return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr),
        chunk("IDAT", deflateSync(Buffer.from([0, 128]))), chunk("IEND", Buffer.alloc(0))]);
}

/** crc32 is PNG's checksum. @param {Buffer} buf */
function crc32(buf) {
    let c = ~0;
    for (const b of buf) {
        c ^= b;
        for (let k = 0; k < 8; k++) {
            c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
        }
    }
    return ~c >>> 0;
}

/**
 * watch records the page's securitypolicyviolation events in window.cspViolations, from the
 * first script of every document on.
 * @param {import("playwright-core").Page} page
 */
async function watch(page) {
    await page.addInitScript(() => {
        const w = /** @type {any} */ (window);
        w.cspViolations = [];
        document.addEventListener("securitypolicyviolation", (e) => w.cspViolations.push(
            `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
    });
}

/** violations reads the recorded violations. @param {import("playwright-core").Page} page */
function violations(page) {
    return page.evaluate(() => /** @type {any} */ (window).cspViolations);
}

/** firstInitiative is the id of a demo initiative. */
async function firstInitiative() {
    const res = await fetch(server.url + "/api/collections/initiatives/records?perPage=1&fields=id",
        { headers: { Authorization: await superuserToken(server) } });
    return (await res.json()).items[0].id;
}

test("every main view loads under the policy with no violation", async () => {
    const user = { email: "csp@maillage.test", password: "csp-password-123", role: "moderator" };
    await createUser(server, user);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await watch(page);
    const res = await page.goto(server.url + "/");
    const policy = res?.headers()["content-security-policy"] ?? "";
    assert.match(policy, /script-src 'self'(;|$)/);
    assert.match(policy, /img-src [^;]*http:\/\/127\.0\.0\.1:\d+/);
    await signIn(page, server, user);
    await waitForSync(page);
    await page.waitForFunction(() => document.querySelector("[data-markers]") !== null);
    for (const hash of [...VIEWS, `#/i/initiatives/${await firstInitiative()}`]) {
        await showView(page, server.url, hash);
        assert.deepEqual(await violations(page), [], `violations on ${hash}`);
    }
    await showView(page, server.url, "#/map");
    await page.locator(".leaflet-tile-loaded").first().waitFor();
    assert.ok(tileRequests > 0, "the configured tile server's tiles load");
    assert.deepEqual(await violations(page), []);
    await context.close();
});

test("negative control: an injected inline script and inline handler are blocked", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await watch(page);
    await page.goto(server.url + "/#/about");
    await page.waitForFunction(() => document.documentElement.dataset.ready === "true");
    const ran = await page.evaluate(async () => {
        const w = /** @type {any} */ (window);
        const seen = new Promise((r) => document.addEventListener("securitypolicyviolation", r, { once: true }));
        const s = document.createElement("script");
        s.textContent = "window.injected = true";
        document.body.append(s);
        await seen;
        const b = document.createElement("button");
        b.setAttribute("onclick", "window.clicked = true");
        document.body.append(b);
        const again = new Promise((r) => document.addEventListener("securitypolicyviolation", r, { once: true }));
        b.click();
        await again;
        return { injected: w.injected === true, clicked: w.clicked === true };
    });
    assert.deepEqual(ran, { injected: false, clicked: false });
    const seen = await violations(page);
    assert.ok(seen.some((v) => v.startsWith("script-src-elem blocked inline")), seen.join("\n"));
    assert.ok(seen.some((v) => v.startsWith("script-src-attr blocked inline")), seen.join("\n"));
    await context.close();
});

test("a community named with markup is drawn as text in the network's list", async () => {
    const token = await superuserToken(server);
    const post = async (/** @type {string} */ c, /** @type {any} */ body) => {
        const res = await fetch(`${server.url}/api/collections/${c}/records`, { method: "POST",
            headers: { "Content-Type": "application/json", Authorization: token }, body: JSON.stringify(body) });
        const text = await res.text();
        assert.ok(res.ok, `create ${c}: ${res.status} ${text}`);
        return JSON.parse(text);
    };
    const name = "<img src=x id=injected>Tisserands";
    const owner = await createUser(server, { email: "owner@maillage.test", password: "owner-password-123", role: "facilitator" });
    const community = await post("communities", { name, owner: owner.id, visibility: "public" });
    const orgs = await (await fetch(server.url + "/api/collections/organisations/records?perPage=1", { headers: { Authorization: token } })).json();
    await post("links", { fromCollection: "communities", fromId: community.id, toCollection: "organisations", toId: orgs.items[0].id,
        type: "partnership", status: "confirmed", visibility: "public" });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(server.url + "/#/map");
    await waitForSync(page);
    await showView(page, server.url, "#/network");
    const item = page.getByTestId("network-edge-item").filter({ hasText: "Tisserands" });
    await item.first().waitFor();
    assert.equal(await page.locator("#injected").count(), 0, "the name's markup became an element");
    assert.match(await item.first().innerText(), /<img src=x id=injected>Tisserands/);
    await context.close();
});
