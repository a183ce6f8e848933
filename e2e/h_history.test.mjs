// A record's history on its page: a moderator opens History, sees who changed what, and
// reverts the author's change of the name in one action; the server's record takes back the
// earlier name and the history shows the revert.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createUser, launchBrowser, openSignedIn, startServer } from "./harness.mjs";
import { api, go, userToken, waitForRecord } from "./contrib.mjs";

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

test("a moderator reverts a change from a record's history", async () => {
    const ana = { email: "ana@maillage.test", password: "ana-password-123", name: "Ana" };
    const mo = { email: "mo@maillage.test", password: "mo-password-123", name: "Mo", role: "moderator" };
    const author = await createUser(server, ana);
    await createUser(server, mo);
    const [anaToken, moToken] = [await userToken(server, ana), await userToken(server, mo)];
    const rec = await api(server, anaToken, "POST", "/api/collections/initiatives/records",
        { name: "Jardin", author: author.id, visibility: "public" });
    await api(server, moToken, "PATCH", `/api/collections/initiatives/records/${rec.id}`, { status: "published" });
    await api(server, anaToken, "PATCH", `/api/collections/initiatives/records/${rec.id}`, { name: "Jardin du Fort" });

    const side = await openSignedIn(browser, server, mo);
    await waitForRecord(side.page, "initiatives", rec.id, (v) => v.name === "Jardin du Fort");
    await go(side.page, `#/i/initiatives/${rec.id}`);
    await side.page.getByTestId("history").locator("summary").click();
    const change = side.page.getByTestId("revision").filter({ hasText: "Jardin du Fort" })
        .filter({ has: side.page.getByTestId("history-revert") });
    await change.waitFor();
    assert.match(await change.innerText(), /Ana/, "the change names its author");
    await change.getByTestId("history-revert").click();
    await side.page.getByTestId("revision").filter({ hasText: /Retour en arrière|Revert/ }).waitFor();
    const stored = await api(server, moToken, "GET", `/api/collections/initiatives/records/${rec.id}`);
    assert.equal(stored.name, "Jardin");
    await side.context.close();
});
