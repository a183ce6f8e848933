// Comments and followers of a proposal in the PWA: during the consultation Léo comments under
// the proposal (through the outbox) and Zoé follows it with the button; once the vote opens the
// list marks the proposal's new phase and its comments stay to be read, with no form to add one.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createUser, launchBrowser, openSignedIn, showView, startServer, superuserToken } from "./harness.mjs";
import { api, userToken, waitForUserData } from "./contrib.mjs";

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

test("a proposal is commented during its consultation, followed, and read-only once voted", async () => {
    const author = await createUser(server, { email: "autrice@maillage.test", password: "autrice-password-123" });
    const leo = { email: "leo@maillage.test", password: "leo-password-1234" };
    const zoe = { email: "zoe@maillage.test", password: "zoe-password-1234" };
    await Promise.all([leo, zoe].map((u) => createUser(server, u)));
    const su = await superuserToken(server);
    const day = 24 * 3600 * 1000;
    const p = await api(server, su, "POST", "/api/collections/proposals/records", {
        title: "Un composteur rue Haute", author: author.id, phase: "draft", method: "approval",
        options: [{ id: "oui", label: "Oui" }, { id: "non", label: "Non" }],
        consultationEnd: new Date(Date.now() + day).toISOString(), voteEnd: new Date(Date.now() + 2 * day).toISOString(),
    });
    await api(server, su, "PATCH", `/api/collections/proposals/records/${p.id}`, { phase: "consultation" });

    const l = await openSignedIn(browser, server, leo);
    await waitForUserData(l.page);
    await showView(l.page, server.url, "#/proposals"); // the device sees it in consultation
    await l.page.locator(`[data-testid="proposal"][data-id="${p.id}"]`).waitFor();
    await showView(l.page, server.url, `#/proposals/${p.id}`);
    await l.page.getByTestId("comment-new").fill("Près du square, ce serait idéal.");
    await l.page.getByTestId("comment-new-send").click();
    const mine = l.page.locator('[data-testid="comment"]', { hasText: "Près du square" });
    await mine.waitFor();
    await l.page.waitForFunction(() => !document.querySelector('[data-testid="comments"] [data-testid="unsent"]'), null, { timeout: 60000 });
    const filter = encodeURIComponent(`collection="proposals" && recordId="${p.id}"`);
    const stored = await api(server, su, "GET", `/api/collections/comments/records?filter=${filter}`);
    assert.equal(stored.items.length, 1, "the comment reached the server");

    const z = await openSignedIn(browser, server, zoe);
    await showView(z.page, server.url, `#/proposals/${p.id}`);
    const follow = z.page.getByTestId("proposal-follow");
    await z.page.waitForFunction(() => document.querySelector('[data-testid="proposal-follow"]')?.getAttribute("aria-pressed") === "false");
    await follow.click();
    await z.page.waitForFunction(() => document.querySelector('[data-testid="proposal-follow"]')?.getAttribute("aria-pressed") === "true");
    const zoeFollows = await api(server, await userToken(server, zoe), "GET", `/api/maillage/proposals/${p.id}/follow`);
    assert.equal(zoeFollows.following, true, "Zoé follows the proposal");
    const leoFollows = await api(server, await userToken(server, leo), "GET", `/api/maillage/proposals/${p.id}/follow`);
    assert.equal(leoFollows.following, true, "Léo follows it since he commented");

    await api(server, su, "PATCH", `/api/collections/proposals/records/${p.id}`, { phase: "vote" });
    await showView(l.page, server.url, "#/proposals");
    await l.page.locator(`[data-testid="proposal"][data-id="${p.id}"] [data-testid="proposal-news"]`).waitFor();
    await showView(l.page, server.url, `#/proposals/${p.id}`);
    await l.page.getByTestId("comments-closed").waitFor();
    await mine.waitFor();
    assert.equal(await l.page.getByTestId("comment-new").count(), 0, "no form to comment after the consultation");
    await Promise.all([l.context.close(), z.context.close()]);
});
