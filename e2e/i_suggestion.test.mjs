// (i) A suggestion made offline is accepted by the author on another device: Léo, a resident,
// may read Awa's published initiative but not change it. Offline, he uses "Suggest an edit"
// (the record's form) and saves a new name; back online the push answers "suggested" and his
// outbox shows "sent as a suggestion" while the record keeps its name. Awa, on her own device,
// sees the pending suggestion on her record's page and accepts the name; Léo's device then shows
// the record renamed and his suggestion accepted.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createUser, goOffline, launchBrowser, openSignedIn, screenshot, superuserToken } from "./harness.mjs";
import { startServer } from "./harness.mjs";
import { api, editRecord, go, reconnect, waitForRecord, waitForUserData } from "./contrib.mjs";

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

test("(i) a suggestion made offline is accepted by the author on another device", async () => {
    const awa = { email: "awa@maillage.test", password: "awa-password-1234", role: "resident" };
    const leo = { email: "leo@maillage.test", password: "leo-password-1234", role: "resident" };
    const [awaRec] = await Promise.all([awa, leo].map((u) => createUser(server, u)));
    const su = await superuserToken(server);
    const created = await api(server, su, "POST", "/api/collections/initiatives/records",
        { name: "Jardin du Landy", description: "Ouvert le samedi.", author: awaRec.id, visibility: "public" });
    const id = created.id;
    await api(server, su, "PATCH", `/api/collections/initiatives/records/${id}`, { status: "published" });

    const l = await openSignedIn(browser, server, leo);
    await waitForUserData(l.page);
    await waitForRecord(l.page, "initiatives", id, (v) => v.status === "published");
    await go(l.page, `#/i/initiatives/${id}`);
    await l.page.getByTestId("suggest-edit").waitFor();
    await goOffline(l.context);
    await editRecord(l.page, "initiatives", id, { name: "Jardin partagé du Landy" });
    await reconnect(l.context, l.page);

    await go(l.page, "#/outbox");
    await l.page.locator('[data-testid="outbox-item"][data-state="suggested"]').first().waitFor({ timeout: 30000 });
    const kept = await api(server, su, "GET", `/api/collections/initiatives/records/${id}`);
    assert.equal(kept.name, "Jardin du Landy", "the suggestion does not change the record");
    const list = await api(server, su, "GET", `/api/collections/suggestions/records?filter=${encodeURIComponent(`recordId="${id}"`)}`);
    assert.equal(list.items.length, 1, "one suggestion kept");
    const sid = list.items[0].id;
    assert.deepEqual([list.items[0].status, list.items[0].fields.name, list.items[0].seen.name],
        ["pending", "Jardin partagé du Landy", "Jardin du Landy"]);

    const a = await openSignedIn(browser, server, awa);
    await waitForUserData(a.page);
    await waitForRecord(a.page, "suggestions", sid);
    await go(a.page, `#/i/initiatives/${id}`);
    const card = a.page.locator(`[data-testid="suggestion"][data-id="${sid}"]`);
    await card.waitFor();
    await screenshot(a.page, "suggestion-pending");
    await card.getByTestId("suggestion-accept").click();
    await a.page.waitForFunction(() => document.querySelector('[data-testid="suggestion"] [role="status"]')?.getAttribute("data-done") === "accept");
    const renamed = await api(server, su, "GET", `/api/collections/initiatives/records/${id}`);
    assert.equal(renamed.name, "Jardin partagé du Landy", "accepting writes the name");

    await waitForRecord(l.page, "initiatives", id, (v) => v.name === "Jardin partagé du Landy");
    await waitForRecord(l.page, "suggestions", sid, (v) => v.status === "accepted");
    await go(l.page, `#/i/initiatives/${id}`);
    await l.page.locator(`[data-testid="suggestion"][data-id="${sid}"][data-status="accepted"]`).waitFor();
    assert.equal((await l.page.getByTestId("detail-title").textContent()).trim(), "Jardin partagé du Landy");
    await Promise.all([a.context.close(), l.context.close()]);
});
