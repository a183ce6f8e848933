// Conversations in the PWA: a message written offline waits on the device and goes on
// reconnect; the other participant sees it with an unread count (list and menu badge), reads
// it, and the count goes back to zero.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createUser, goOffline, launchBrowser, openSignedIn, startServer } from "./harness.mjs";
import { api, go, userToken } from "./contrib.mjs";

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

test("a message written offline reaches the other participant after reconnect, unread until read", async () => {
    const ana = { email: "ana@maillage.test", password: "ana-password-123", name: "Ana" };
    const bruno = { email: "bruno@maillage.test", password: "bruno-password-123", name: "Bruno" };
    const [a, b] = [await createUser(server, ana), await createUser(server, bruno)];
    const conv = await api(server, await userToken(server, ana), "POST", "/api/collections/conversations/records",
        { author: a.id, participants: [a.id, b.id], subject: "La perceuse" });

    const anaSide = await openSignedIn(browser, server, ana);
    const brunoSide = await openSignedIn(browser, server, bruno);
    await go(anaSide.page, "#/messages/" + conv.id);
    await anaSide.page.getByTestId("compose-text").waitFor();

    await goOffline(anaSide.context);
    await anaSide.page.getByTestId("compose-text").fill("Elle est libre samedi ?");
    await anaSide.page.getByTestId("compose-send").click();
    await anaSide.page.getByTestId("message-pending").waitFor();
    await anaSide.context.setOffline(false);
    await anaSide.page.getByTestId("message-pending").waitFor({ state: "detached", timeout: 30000 });

    await go(brunoSide.page, "#/messages");
    const item = brunoSide.page.locator(`[data-testid="conversation-item"][data-id="${conv.id}"]`);
    await brunoSide.page.waitForFunction((id) =>
        document.querySelector(`[data-testid="conversation-item"][data-id="${id}"]`)?.getAttribute("data-unread") === "1", conv.id, { timeout: 30000 });
    // The badge is repainted from the same data, on its own turn: wait for it, not for time.
    await brunoSide.page.waitForFunction(() =>
        document.querySelector('[data-testid="nav-messages"] [data-testid="unread-badge"]')?.textContent === "1");

    await item.getByRole("link").click();
    await brunoSide.page.getByTestId("message").filter({ hasText: "Elle est libre samedi ?" }).waitFor();
    assert.equal(await brunoSide.page.getByTestId("message").count(), 1, "the message is shown once");
    await brunoSide.page.waitForFunction(() =>
        document.querySelector('[data-testid="nav-messages"] [data-testid="unread-badge"]')?.hasAttribute("hidden"));
    await anaSide.context.close();
    await brunoSide.context.close();
});
