// The network of cooperations offline: after one visit (the service worker installed, one sync
// done), with the server stopped and the network cut, a reload draws the demo's network from
// the device's store, laid out by the vendored d3-force (precached), with as many nodes and
// links as the server's /api/maillage/network answered, the same links listed in words; the
// type filter narrows it; axe finds no WCAG 2.1 AA fault in it; a node opens its page. Control:
// a filter no link matches draws none.
// Then a link proposed from an organisation's page is confirmed from the initiative's page by
// its author on another device, and only then appears in the public network.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { createUser, goOffline, launchBrowser, openSignedIn, screenshot, showView, startServer, waitForSync } from "./harness.mjs";
import { api, go, userToken, waitForRecord, waitForUserData } from "./contrib.mjs";

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
 * drawn counts what the network view shows.
 * @param {import("playwright-core").Page} page
 */
async function drawn(page) {
    return page.evaluate(() => ({
        nodes: document.querySelectorAll("[data-testid=network-graph] [data-testid=network-node]").length,
        edges: document.querySelectorAll("[data-testid=network-graph] [data-testid=network-edge]").length,
        listed: document.querySelectorAll("[data-testid=network-edges] [data-testid=network-edge-item]").length,
    }));
}

test("the network view draws the demo's network from the device's store with the network cut", async () => {
    const res = await fetch(server.url + "/api/maillage/network");
    const net = await res.json();
    assert.ok(net.nodes.length > 2 && net.edges.length > 2, `the demo has a network: ${net.nodes.length} nodes, ${net.edges.length} edges`);
    const supply = net.edges.filter((/** @type {any} */ e) => e.type === "supply").length;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
        await page.goto(server.url + "/#/map");
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
        await waitForSync(page);
        await showView(page, server.url, "#/network");
        await page.getByTestId("network-graph").waitFor();

        await server.stop();
        await goOffline(context);
        await page.reload();
        await page.getByTestId("network-graph").waitFor();
        assert.deepEqual(await drawn(page), { nodes: net.nodes.length, edges: net.edges.length, listed: net.edges.length });
        assert.equal(await page.evaluate(() => typeof (/** @type {any} */ (window)).d3?.forceSimulation), "function",
            "d3-force loaded offline from the precache");
        await screenshot(page, "network-offline");
        await page.evaluate(AXE);
        const violations = await page.evaluate(async () => {
            const res = await /** @type {any} */ (window).axe.run({ include: [["main"]] },
                { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
            return res.violations.flatMap((/** @type {any} */ v) => v.nodes.map((/** @type {any} */ n) => `${v.id}: ${n.target.join(" ")}`));
        });
        assert.deepEqual(violations, [], "axe finds nothing wrong in the network view");

        await page.getByTestId("network-filter-type").selectOption("supply");
        await page.waitForFunction((n) => document.querySelectorAll("[data-testid=network-edge]").length === n, supply);
        await page.getByTestId("network-filter-type").selectOption("other");
        await page.getByTestId("network-empty").waitFor();
        await page.getByTestId("network-filter-type").selectOption("");
        await page.getByTestId("network-graph").waitFor();

        const org = net.nodes.find((/** @type {any} */ n) => n.collection === "organisations");
        await page.locator(`[data-testid=network-node][data-key="organisations/${org.id}"] rect`).click();
        await page.getByTestId("detail-title").waitFor();
        assert.equal((await page.getByTestId("detail-title").innerText()).trim(), org.name);
        await page.getByTestId("links-panel").waitFor();
        assert.ok(await page.locator("[data-testid=links-confirmed] li").count() > 0, "the page lists the organisation's cooperations");
    } finally {
        await context.close();
    }
});

/**
 * pushed waits until the page's outbox is empty (every queued change acknowledged).
 * @param {import("playwright-core").Page} page
 */
async function pushed(page) {
    await page.waitForFunction(() => document.querySelector("#outbox-badge")?.hidden === true, null, { timeout: 60000 });
}

test("a link proposed from one page is confirmed from the other, then shows in the network", async () => {
    const own = await startServer({ demo: false });
    const alice = { email: "alice@maillage.test", password: "alice-password-1", role: "facilitator" };
    const bruno = { email: "bruno@maillage.test", password: "bruno-password-1", role: "facilitator" };
    const [a, b] = [await createUser(own, alice), await createUser(own, bruno)];
    const org = await api(own, await userToken(own, alice), "POST", "/api/collections/organisations/records",
        { name: "Atelier des Possibles", author: a.id, visibility: "public" });
    const garden = await api(own, await userToken(own, bruno), "POST", "/api/collections/initiatives/records",
        { name: "Jardin du Landy", author: b.id, visibility: "public" });
    const first = await openSignedIn(browser, own, alice);
    const second = await openSignedIn(browser, own, bruno);
    try {
        await waitForUserData(first.page);
        await waitForRecord(first.page, "initiatives", garden.id);
        await go(first.page, `#/i/organisations/${org.id}`);
        await first.page.getByTestId("link-propose").locator("summary").click();
        await first.page.getByTestId("link-to").fill("Jardin du Landy (Initiative)");
        await first.page.getByTestId("link-type").selectOption("sharedPlace");
        await first.page.getByTestId("link-send").click();
        await first.page.getByTestId("link-sent").waitFor();
        await pushed(first.page);
        const [link] = (await api(own, await userToken(own, alice), "GET", "/api/collections/links/records")).items;
        assert.equal(link.status, "proposed");
        const before = await (await fetch(own.url + "/api/maillage/network")).json();
        assert.equal(before.edges.length, 0, "a proposal is not in the public network");

        await waitForUserData(second.page);
        await waitForRecord(second.page, "links", link.id);
        await go(second.page, `#/i/initiatives/${garden.id}`);
        await second.page.getByTestId("link-confirm").click();
        await second.page.getByTestId("links-to-decide").getByText("Lien confirmé.").waitFor();
        await pushed(second.page);
        const after = await (await fetch(own.url + "/api/maillage/network")).json();
        assert.deepEqual(after.edges.map((/** @type {any} */ e) => [e.id, e.type]), [[link.id, "sharedPlace"]]);
    } finally {
        await first.context.close();
        await second.context.close();
        await own.stop();
    }
});
