// An offer taken from "I'm interested" to "done" through a conversation, partly offline: the
// interested person goes offline, says they are interested and writes, and comes back; the
// author, who reads the message, reserves the offer for them from its page, then marks it done.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createUser, goOffline, launchBrowser, openSignedIn, startServer } from "./harness.mjs";
import { api, go, reconnect, userToken, waitForRecord } from "./contrib.mjs";

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

test("an offer goes from I'm interested to done through a conversation, partly offline", async () => {
    const lea = { email: "lea@maillage.test", password: "lea-password-123", name: "Léa", role: "facilitator" };
    const sami = { email: "sami@maillage.test", password: "sami-password-123", name: "Sami" };
    const [author, interested] = [await createUser(server, lea), await createUser(server, sami)];
    const token = await userToken(server, lea);
    const offer = await api(server, token, "POST", "/api/collections/offers/records",
        { title: "Perceuse à donner", kind: "offer", mode: "gift", author: author.id, visibility: "public" });
    assert.equal(offer.state, "open");

    const samiSide = await openSignedIn(browser, server, sami);
    await waitForRecord(samiSide.page, "offers", offer.id);
    await go(samiSide.page, `#/i/offers/${offer.id}`);
    await samiSide.page.getByTestId("exchange-interested").waitFor();
    await goOffline(samiSide.context);
    await samiSide.page.getByTestId("exchange-interested").click();
    await samiSide.page.waitForFunction(() => location.hash.startsWith("#/messages/"));
    const convId = await samiSide.page.evaluate(() => location.hash.split("/")[2]);
    await samiSide.page.getByTestId("compose-text").fill("Bonjour, je peux passer la chercher samedi ?");
    await samiSide.page.getByTestId("compose-send").click();
    await samiSide.page.getByTestId("message-pending").waitFor();
    await reconnect(samiSide.context, samiSide.page);

    const leaSide = await openSignedIn(browser, server, lea);
    await waitForRecord(leaSide.page, "conversations", convId);
    await go(leaSide.page, "#/messages/" + convId);
    await leaSide.page.getByTestId("message").filter({ hasText: "samedi" }).waitFor({ timeout: 30000 });
    await go(leaSide.page, `#/i/offers/${offer.id}`);
    const pick = leaSide.page.getByTestId("exchange-reserve-for");
    await pick.waitFor();
    assert.equal(await pick.inputValue(), interested.id, "the person who wrote is offered for the reservation");
    await leaSide.page.getByTestId("exchange-reserve").click();
    await waitForRecord(leaSide.page, "offers", offer.id, (v) => v.state === "reserved" && v.reservedFor === interested.id);
    await leaSide.page.getByTestId("exchange-reserved-for").filter({ hasText: "Sami" }).waitFor();
    await leaSide.page.getByTestId("exchange-to-done").click();
    await leaSide.page.locator('[data-testid="exchange"][data-state="done"]').waitFor();

    await leaSide.page.waitForFunction(() => document.querySelector("#outbox-badge")?.hidden === true, null, { timeout: 60000 });
    const stored = await api(server, token, "GET", `/api/collections/offers/records/${offer.id}`);
    assert.equal(stored.state, "done");
    assert.equal(stored.reservedFor, interested.id);
    await waitForRecord(samiSide.page, "offers", offer.id, (v) => v.state === "done");
    await leaSide.context.close();
    await samiSide.context.close();
});
