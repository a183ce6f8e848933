// e2e (j): a report made offline, and a moderator's review in the moderation queue. A resident
// reports a published place from its page while offline; back online the report reaches the
// server. The moderator finds "Moderation" in the navigation (the resident does not), sees the
// reported place with its reason in #/moderation, keeps it with a reason; the decision goes
// through the outbox, the report is closed as kept, and the place's author reads the decision
// and its reason on the place's page.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { reconnect, waitForRecord } from "./contrib.mjs";
import { createUser, goOffline, launchBrowser, openSignedIn, screenshot, showView, startServer, superuserToken } from "./harness.mjs";

/** @type {import("playwright-core").Browser} */
let browser;

before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/**
 * api sends a JSON request with token and returns the decoded answer, failing on an error.
 * @param {string} url
 * @param {string} token
 * @param {string} method
 * @param {any} [body]
 */
async function api(url, token, method, body) {
    const res = await fetch(url, { method, headers: { "Content-Type": "application/json", Authorization: token }, body: body && JSON.stringify(body) });
    const data = await res.json();
    assert.ok(res.ok, `${method} ${url}: ${res.status} ${JSON.stringify(data)}`);
    return data;
}

/**
 * synced waits until the outbox view lists n acknowledged mutations.
 * @param {import("playwright-core").Page} page
 * @param {string} url
 * @param {number} n
 */
async function synced(page, url, n) {
    await showView(page, url, "#/outbox");
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="outbox-item"][data-state="synced"]').length >= count, n, { timeout: 60000 });
}

test("a report made offline reaches the moderators, who keep the place with a reason its author reads", async () => {
    const server = await startServer({ demo: false });
    try {
        const author = { email: "fac@maillage.test", password: "facilitator-password-1" };
        const resident = { email: "res@maillage.test", password: "resident-password-1" };
        const moderator = { email: "mod@maillage.test", password: "moderator-password-1" };
        const fac = await createUser(server, { ...author, role: "facilitator" });
        await createUser(server, resident);
        await createUser(server, { ...moderator, role: "moderator" });
        const admin = await superuserToken(server);
        const place = await api(`${server.url}/api/collections/initiatives/records`, admin, "POST", {
            name: "Café des voisins", author: fac.id, status: "published", visibility: "public", geo: { lon: 2.358, lat: 48.936 } });

        const res = await openSignedIn(browser, server, resident);
        assert.equal(await res.page.getByTestId("nav-moderation").count(), 0, "a resident has no Moderation entry");
        // The first sync seen may be the anonymous session's: wait for the place itself.
        await waitForRecord(res.page, "initiatives", place.id);
        await showView(res.page, server.url, `#/i/initiatives/${place.id}`);
        await goOffline(res.context);
        await res.page.getByTestId("report").locator("summary").click();
        await res.page.getByTestId("report-reason").fill("Propos insultants dans la description");
        await res.page.getByTestId("report-send").click();
        await res.page.getByTestId("report-sent").waitFor();
        await reconnect(res.context, res.page);
        const reports = await api(`${server.url}/api/collections/reports/records`, admin, "GET");
        assert.equal(reports.items.length, 1, "the offline report reached the server");
        assert.equal(reports.items[0].recordId, place.id);
        await res.context.close();

        const mod = await openSignedIn(browser, server, moderator);
        assert.equal(await mod.page.getByTestId("nav-moderation").count(), 1, "a moderator has the Moderation entry");
        await showView(mod.page, server.url, "#/moderation");
        const item = mod.page.getByTestId("mq-reported-item");
        await item.waitFor();
        assert.match(await item.textContent() || "", /Propos insultants/);
        await screenshot(mod.page, "moderation-queue");
        await item.getByTestId("mq-reason").fill("Rien d'insultant après vérification");
        await item.getByTestId("mq-yes").click();
        await item.getByTestId("mq-queued").waitFor();
        await synced(mod.page, server.url, 1);
        const closed = await api(`${server.url}/api/collections/reports/records`, admin, "GET");
        assert.equal(closed.items[0].state, "kept", "the moderator's keep closed the report");
        await mod.context.close();

        const own = await openSignedIn(browser, server, author);
        await waitForRecord(own.page, "initiatives", place.id);
        await showView(own.page, server.url, `#/i/initiatives/${place.id}`);
        const decisions = own.page.getByTestId("decisions");
        await decisions.waitFor();
        assert.match(await decisions.textContent() || "", /Rien d'insultant après vérification/);
        await own.context.close();
    } finally {
        await server.stop();
    }
});
