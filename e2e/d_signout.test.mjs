// (d) Signing out with unsent work is refused with an explanation; once the work is sent it
// is allowed (negative control: the refusal comes from the unsent work), and an explicit
// discard signs out anyway.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createUser, launchBrowser, screenshot, signIn, startServer, waitForSync } from "./harness.mjs";
import { go, pendingCount, saveInitiative, signOutClick } from "./contrib.mjs";

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

test("(d) sign-out is refused while contributions wait, allowed once sent, forced by discard", async () => {
    const user = { email: "dora@maillage.test", password: "dora-password-123", role: "resident" };
    const record = await createUser(server, user);
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "fr-FR" });
    const page = await context.newPage();
    await signIn(page, server, user);
    await waitForSync(page);

    await context.setOffline(true);
    await saveInitiative(page, { name: "Atelier vélo du canal", description: "Réparation le samedi." });
    assert.equal(await pendingCount(page), 1);
    assert.equal((await page.locator("#outbox-badge").textContent()).trim(), "1", "the badge shows the pending count");

    await signOutClick(page);
    const warning = page.getByTestId("unsent-warning");
    await warning.waitFor();
    assert.match(await warning.textContent(), /1 contributions? pas encore envoyée/);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.user), record.id, "still signed in");
    await screenshot(page, "account-signout-refused");

    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await page.waitForFunction(() => document.querySelector("#outbox-badge")?.hidden === true, null, { timeout: 30000 });
    await signOutClick(page);
    await page.waitForFunction(() => document.documentElement.dataset.user === "", null, { timeout: 15000 });

    await signIn(page, server, user);
    await waitForSync(page);
    await context.setOffline(true);
    await saveInitiative(page, { name: "Boîte à livres", description: "" });
    await signOutClick(page);
    await page.getByTestId("discard-and-sign-out").click();
    await page.waitForFunction(() => document.documentElement.dataset.user === "", null, { timeout: 15000 });
    await context.close();
});
