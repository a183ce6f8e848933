// e2e (j, offline): the moderation view offline. Mo, a moderator, opens #/moderation once
// online: a resident's pending place and a pending suggestion are listed, and the queue is kept
// on the device. Offline, the view shows the kept queue (with its date) and the suggestion from
// the synced data; Mo publishes the place and accepts the suggestion on its record's page, both
// queued in the outbox. Back online, the place is published, the suggestion accepted by Mo and
// both decisions are in the audit log.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createUser, goOffline, launchBrowser, openSignedIn, showView, startServer, superuserToken } from "./harness.mjs";
import { api, go, reconnect, waitForRecord, waitForUserData } from "./contrib.mjs";

let server;
let browser;

before(async () => {
    server = await startServer({ demo: false });
    browser = await launchBrowser();
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

test("(j, offline) a moderator decides from the kept queue offline", async () => {
    const mo = { email: "mo@maillage.test", password: "mo-password-12345", role: "moderator" };
    const [awa, leo] = await Promise.all([
        createUser(server, { email: "awa@maillage.test", password: "awa-password-1234" }),
        createUser(server, { email: "leo@maillage.test", password: "leo-password-1234" }),
        createUser(server, mo)]);
    const su = await superuserToken(server);
    const pending = await api(server, su, "POST", "/api/collections/initiatives/records",
        { name: "Atelier vélo", author: awa.id, visibility: "public" });
    const place = await api(server, su, "POST", "/api/collections/initiatives/records",
        { name: "Jardin du Landy", author: awa.id, visibility: "public" });
    await api(server, su, "PATCH", `/api/collections/initiatives/records/${place.id}`, { status: "published" });
    const { id: sid } = await api(server, su, "POST", "/api/collections/suggestions/records", {
        collection: "initiatives", recordId: place.id, author: leo.id, fields: { name: "Jardin partagé du Landy" }, comment: "Nouveau panneau" });

    const m = await openSignedIn(browser, server, mo);
    await waitForUserData(m.page);
    await waitForRecord(m.page, "suggestions", sid);
    await showView(m.page, server.url, "#/moderation");
    await m.page.locator(`[data-testid="mq-item"][data-id="${pending.id}"]`).waitFor();
    await m.page.locator(`[data-testid="mq-suggestion"][data-id="${sid}"]`).waitFor();

    await goOffline(m.context);
    await m.page.evaluate(() => window.dispatchEvent(new Event("offline")));
    await go(m.page, "#/map");
    await go(m.page, "#/moderation");
    await m.page.getByTestId("mq-kept").waitFor();
    const item = m.page.locator(`[data-testid="mq-item"][data-id="${pending.id}"]`);
    await item.getByTestId("mq-reason").fill("Vérifié sur place");
    await item.getByTestId("mq-yes").click();
    await item.getByTestId("mq-queued").waitFor();
    await m.page.locator(`[data-testid="mq-suggestion"][data-id="${sid}"] a`).click();
    const card = m.page.locator(`[data-testid="suggestion"][data-id="${sid}"]`);
    await card.waitFor();
    await card.getByTestId("suggestion-accept").click();
    await waitForRecord(m.page, "suggestions", sid, (v) => v.status === "accepted");
    const waiting = await api(server, su, "GET", `/api/collections/initiatives/records/${pending.id}`);
    assert.equal(waiting.status, "pending", "offline, nothing reached the server");

    await reconnect(m.context, m.page);
    const published = await api(server, su, "GET", `/api/collections/initiatives/records/${pending.id}`);
    assert.equal(published.status, "published", "the queued vote published the place");
    const sug = await api(server, su, "GET", `/api/collections/suggestions/records/${sid}`);
    assert.deepEqual([sug.status, sug.decidedBy], ["accepted", (await api(server, su, "GET",
        `/api/collections/users/records?filter=${encodeURIComponent('email="mo@maillage.test"')}`)).items[0].id]);
    const renamed = await api(server, su, "GET", `/api/collections/initiatives/records/${place.id}`);
    assert.equal(renamed.name, "Jardin partagé du Landy");
    const log = await api(server, su, "GET", "/api/collections/auditLog/records?perPage=50");
    const actions = log.items.map((/** @type {any} */ e) => e.action).sort();
    assert.ok(actions.includes("suggestion.accept"), `audit: ${actions}`);
    assert.ok(actions.some((/** @type {string} */ a) => a === "vote.publish" || a === "publish"), `audit: ${actions}`);
    await m.context.close();
});
