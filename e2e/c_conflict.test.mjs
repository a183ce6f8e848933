// (c) Two browsers edit the same initiative offline: different paragraphs of the description
// and the same name. Both reconnect: both paragraph edits are kept, the name conflict shows in
// the conflict view of the author who synced last, and nothing is lost (re-applying it wins).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createUser, goOffline, launchBrowser, screenshot, signIn, startServer, superuserToken, waitForSync } from "./harness.mjs";
import { api, editRecord, go, reconnect, userToken, waitForRecord, waitForUserData } from "./contrib.mjs";

let server;
let browser;

before(async () => {
    server = await startServer({ demo: true });
    browser = await launchBrowser();
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

const P1 = "Le jardin ouvre le samedi matin.";
const P2 = "On y cultive des tomates et des courges.";

test("(c) concurrent offline edits: paragraphs merge, the name conflict reaches the losing author", async () => {
    const fatou = { email: "fatou@maillage.test", password: "fatou-password-12", role: "facilitator" };
    const marc = { email: "marc@maillage.test", password: "marc-password-123", role: "moderator" };
    const [fatouRec] = await Promise.all([fatou, marc].map((u) => createUser(server, u)));
    const created = await api(server, await userToken(server, fatou), "POST", "/api/collections/initiatives/records",
        { name: "Jardin du Landy", description: `${P1}\n\n${P2}`, author: fatouRec.id, visibility: "public" });
    const id = created.id;

    const pages = [];
    for (const u of [fatou, marc]) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        await signIn(page, server, u);
        await waitForSync(page);
    await waitForUserData(page);
        await waitForRecord(page, "initiatives", id);
        await goOffline(context);
        pages.push({ context, page });
    }
    const [a, b] = pages;
    await editRecord(a.page, "initiatives", id, { name: "Jardin partagé du Landy", description: `${P1} Et le mercredi.\n\n${P2}` });
    await editRecord(b.page, "initiatives", id, { name: "Jardin du Landy (Aubervilliers)", description: `${P1}\n\n${P2} Et des fraises.` });

    await reconnect(a.context, a.page);
    await reconnect(b.context, b.page);
    const su = await superuserToken(server);
    const rec = await api(server, su, "GET", `/api/collections/initiatives/records/${id}`);
    assert.equal(rec.description, `${P1} Et le mercredi.\n\n${P2} Et des fraises.`, "both paragraph edits are kept");
    assert.equal(rec.name, "Jardin partagé du Landy", "the first to sync keeps the name (serverWins)");

    const lost = await api(server, su, "GET", `/api/collections/syncConflicts/records?filter=${encodeURIComponent(`recordId="${id}"`)}`);
    assert.equal(lost.items.length, 1, "exactly the name lost");
    assert.deepEqual([lost.items[0].field, lost.items[0].clientValue], ["name", "Jardin du Landy (Aubervilliers)"], "nothing is lost");

    await go(b.page, "#/conflicts");
    const conflict = b.page.locator('[data-testid="conflict"][data-field="name"]');
    await conflict.waitFor({ timeout: 30000 });
    assert.equal((await conflict.getByTestId("yours").textContent()).trim(), "Jardin du Landy (Aubervilliers)");
    assert.equal((await conflict.getByTestId("kept").textContent()).trim(), "Jardin partagé du Landy");
    await screenshot(b.page, "conflicts");
    await go(a.page, "#/conflicts");
    await a.page.getByTestId("no-conflicts").waitFor();

    await conflict.getByTestId("reapply").click();
    await b.page.getByTestId("no-conflicts").waitFor();
    await b.page.waitForFunction(() => document.querySelector("#outbox-badge")?.hidden === true, null, { timeout: 30000 });
    const after = await api(server, su, "GET", `/api/collections/initiatives/records/${id}`);
    assert.equal(after.name, "Jardin du Landy (Aubervilliers)", "re-applying the lost value makes it win");
    const settled = await api(server, su, "GET", `/api/collections/syncConflicts/records/${lost.items[0].id}`);
    assert.equal(settled.status, "reapplied");
    // A pulls the merged text when the poke reaches it (within POKE_SPREAD_MS, 5 s).
    await waitForRecord(a.page, "initiatives", id, (v) => v.description === rec.description, 30000);
    await Promise.all(pages.map((p) => p.context.close()));
});
