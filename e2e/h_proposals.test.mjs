// Proposals and votes in the PWA: a resident grades the options of a secret majority
// judgement vote, changes the ballot with the receipt only the device keeps, and reads the
// results once the vote is closed.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createUser, launchBrowser, openSignedIn, showView, startServer, superuserToken } from "./harness.mjs";
import { api } from "./contrib.mjs";

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

test("a secret ballot is cast, changed with the device's receipt, and counted in the results", async () => {
    const author = await createUser(server, { email: "autrice@maillage.test", password: "autrice-password-123" });
    const voter = { email: "votant@maillage.test", password: "votant-password-123" };
    await createUser(server, voter);
    const su = await superuserToken(server);
    const day = 24 * 3600 * 1000;
    const p = await api(server, su, "POST", "/api/collections/proposals/records", {
        title: "Aménager la place", author: author.id, phase: "draft", method: "majorityJudgement", secret: true,
        options: [{ id: "bancs", label: "Des bancs" }, { id: "arbres", label: "Des arbres" }],
        consultationEnd: new Date(Date.now() + day).toISOString(), voteEnd: new Date(Date.now() + 2 * day).toISOString(),
    });
    await api(server, su, "PATCH", `/api/collections/proposals/records/${p.id}`, { phase: "vote" });

    const { context, page } = await openSignedIn(browser, server, voter);
    await showView(page, server.url, `#/proposals/${p.id}`);
    const form = page.getByTestId("ballot-form");
    await form.waitFor();
    const cast = async (/** @type {string} */ bancs, /** @type {string} */ arbres) => {
        await page.locator('select[name="bancs"]').selectOption(bancs);
        await page.locator('select[name="arbres"]').selectOption(arbres);
        await form.getByRole("button").click();
        await page.waitForFunction(() => /enregistré/.test(document.querySelector('[data-testid="ballot-status"]')?.textContent || ""));
        await page.evaluate(() => { /** @type {any} */ (document.querySelector('[data-testid="ballot-status"]')).textContent = ""; });
    };
    await cast("2", "5");
    const receipt = await page.evaluate((id) => localStorage.getItem("maillage.receipt." + id), p.id);
    assert.ok(receipt && JSON.parse(receipt).token, "the device keeps the receipt");
    await cast("6", "1"); // changed: the receipt goes with it

    await api(server, su, "PATCH", `/api/collections/proposals/records/${p.id}`, { phase: "closed" });
    await showView(page, server.url, "#/proposals"); // away and back: the page is drawn again
    await page.getByTestId("proposal").first().waitFor();
    await showView(page, server.url, `#/proposals/${p.id}`);
    await page.getByTestId("results").waitFor();
    const ranking = await page.getByTestId("results-ranking").first().locator("li").allTextContents();
    assert.deepEqual(ranking, ["Des bancs — Excellent", "Des arbres — Insuffisant"]);
    const res = await api(server, su, "GET", `/api/maillage/proposals/${p.id}/results`);
    assert.equal(res.ballots, 1);
    await context.close();
});
