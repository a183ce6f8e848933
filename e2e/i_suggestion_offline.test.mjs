// (i, offline) A suggestion decided offline: Léo, a resident, suggested a new name for Awa's
// published initiative. Awa, on her device, opens her record's page, goes offline and accepts
// the suggestion: the decision is kept in her outbox (an update of the suggestion) and the
// server still has it pending. Back online the push applies it as the accept route does: the
// record is renamed, the suggestion accepted by Awa; Léo's device then shows both.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createUser, goOffline, launchBrowser, openSignedIn, screenshot, superuserToken } from "./harness.mjs";
import { startServer } from "./harness.mjs";
import { api, go, pendingCount, reconnect, waitForRecord, waitForUserData } from "./contrib.mjs";

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

test("(i, offline) the author accepts a suggestion offline, the suggester sees it accepted", async () => {
    const awa = { email: "awa@maillage.test", password: "awa-password-1234", role: "resident" };
    const leo = { email: "leo@maillage.test", password: "leo-password-1234", role: "resident" };
    const [awaRec, leoRec] = await Promise.all([awa, leo].map((u) => createUser(server, u)));
    const su = await superuserToken(server);
    const { id } = await api(server, su, "POST", "/api/collections/initiatives/records",
        { name: "Jardin du Landy", description: "Ouvert le samedi.", author: awaRec.id, visibility: "public" });
    await api(server, su, "PATCH", `/api/collections/initiatives/records/${id}`, { status: "published" });
    const { id: sid } = await api(server, su, "POST", "/api/collections/suggestions/records", {
        collection: "initiatives", recordId: id, author: leoRec.id, fields: { name: "Jardin partagé du Landy" }, comment: "Le panneau a changé" });

    const a = await openSignedIn(browser, server, awa);
    await waitForUserData(a.page);
    await waitForRecord(a.page, "suggestions", sid);
    await go(a.page, `#/i/initiatives/${id}`);
    const card = a.page.locator(`[data-testid="suggestion"][data-id="${sid}"]`);
    await card.waitFor();
    await goOffline(a.context);
    await a.page.evaluate(() => window.dispatchEvent(new Event("offline")));
    await card.getByTestId("suggestion-accept").click();
    await waitForRecord(a.page, "suggestions", sid, (v) => v.status === "accepted");
    assert.equal(await pendingCount(a.page), 1, "the decision waits in the outbox");
    await screenshot(a.page, "suggestion-decided-offline");
    const waiting = await api(server, su, "GET", `/api/collections/suggestions/records/${sid}`);
    assert.equal(waiting.status, "pending", "offline, the server has not heard of the decision");

    await reconnect(a.context, a.page);
    const decided = await api(server, su, "GET", `/api/collections/suggestions/records/${sid}`);
    assert.deepEqual([decided.status, decided.decided, decided.decidedBy], ["accepted", ["name"], awaRec.id]);
    const renamed = await api(server, su, "GET", `/api/collections/initiatives/records/${id}`);
    assert.equal(renamed.name, "Jardin partagé du Landy", "the pushed decision writes the name");

    await go(a.page, `#/i/initiatives/${id}`);
    const counts = a.page.getByTestId("moderation-panel").getByTestId("contributor-counts");
    await counts.waitFor();
    assert.match((await counts.textContent()).trim(), /^1 \D+ 0 /, "the author's counts: one published record, no suggestion of hers accepted");

    const l = await openSignedIn(browser, server, leo);
    await waitForUserData(l.page);
    await waitForRecord(l.page, "initiatives", id, (v) => v.name === "Jardin partagé du Landy");
    await waitForRecord(l.page, "suggestions", sid, (v) => v.status === "accepted");
    await go(l.page, `#/i/initiatives/${id}`);
    await l.page.locator(`[data-testid="suggestion"][data-id="${sid}"][data-status="accepted"]`).waitFor();
    assert.equal((await l.page.getByTestId("detail-title").textContent()).trim(), "Jardin partagé du Landy");
    const mine = l.page.locator(`[data-testid="suggestion"][data-id="${sid}"] [data-testid="contributor-counts"]`);
    await mine.waitFor();
    assert.match((await mine.textContent()).trim(), /^0 \D+ 1 /, "Léo's counts: no record of his, one suggestion accepted");
    await Promise.all([a.context.close(), l.context.close()]);
});
