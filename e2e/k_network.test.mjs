// The network of cooperations offline: after one visit (the service worker installed, one sync
// done), with the server stopped and the network cut, a reload draws the demo's network from
// the device's store, laid out by the vendored d3-force (precached), with as many nodes and
// links as the server's /api/maillage/network answered, the same links listed in words; the
// type filter narrows it; a node opens its page. Control: a filter no link matches draws none.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, screenshot, showView, startServer, waitForSync } from "./harness.mjs";

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
        await context.setOffline(true);
        await page.reload();
        await page.getByTestId("network-graph").waitFor();
        assert.deepEqual(await drawn(page), { nodes: net.nodes.length, edges: net.edges.length, listed: net.edges.length });
        assert.equal(await page.evaluate(() => typeof (/** @type {any} */ (window)).d3?.forceSimulation), "function",
            "d3-force loaded offline from the precache");
        await screenshot(page, "network-offline");

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
