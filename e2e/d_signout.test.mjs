// (d) Signing out with unsent work is refused with an explanation; once the work is sent it
// is allowed (negative control: the refusal comes from the unsent work), and an explicit
// discard signs out anyway. Then a new account is made through the sign-up form.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createUser, goOffline, launchBrowser, screenshot, signIn, startServer, waitForSync } from "./harness.mjs";
import { go, pendingCount, reconnect, saveInitiative, signOutClick, waitForUserData } from "./contrib.mjs";

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
    await waitForUserData(page);

    await goOffline(context);
    await saveInitiative(page, { name: "Atelier vélo du canal", description: "Réparation le samedi." });
    assert.equal(await pendingCount(page), 1);
    assert.equal((await page.locator("#outbox-badge").textContent()).trim(), "1", "the badge shows the pending count");

    await signOutClick(page);
    const warning = page.getByTestId("unsent-warning");
    await warning.waitFor();
    assert.match(await warning.textContent(), /Contributions pas encore envoyées : 1\./);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.user), record.id, "still signed in");
    await screenshot(page, "account-signout-refused");

    await reconnect(context, page);
    await signOutClick(page);
    await page.waitForFunction(() => document.documentElement.dataset.user === "", null, { timeout: 15000 });

    await signIn(page, server, user);
    await waitForSync(page);
    await waitForUserData(page);
    await goOffline(context);
    await saveInitiative(page, { name: "Boîte à livres", description: "" });
    await signOutClick(page);
    await page.getByTestId("discard-and-sign-out").click();
    await page.waitForFunction(() => document.documentElement.dataset.user === "", null, { timeout: 15000 });
    await context.setOffline(false);
    await page.getByTestId("signup-form").waitFor({ timeout: 10000 }).catch(async (err) => {
        throw new Error("no sign-up form after sign-out; the page shows: " + (await page.locator("main").innerText()).slice(0, 300), { cause: err });
    });
    await screenshot(page, "account");

    await page.getByTestId("signup-name").fill("Ève");
    await page.getByTestId("signup-email").fill("eve@maillage.test");
    await page.getByTestId("signup-password").fill("eve-password-1234");
    await page.getByTestId("signup-password-confirm").fill("eve-password-1234");
    await page.getByTestId("signup-submit").click();
    // Signed up and in, the app goes to the map: wait for that before changing the view.
    await page.waitForFunction(() => Boolean(document.documentElement.dataset.user) && location.hash === "#/map", null, { timeout: 15000 });
    await go(page, "#/contribute");
    await page.getByTestId("new-initiatives").waitFor();
    await screenshot(page, "contribute-menu");
    await context.close();
});
