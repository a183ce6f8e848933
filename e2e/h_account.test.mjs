// (h) Your data: a person downloads the zip of their data from the account view, then deletes
// their account keeping their public contributions without their name. The device forgets
// their data (their IndexedDB database goes) and the server no longer knows them. Negative
// control: the deletion is refused until a choice is made and confirmed.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createUser, launchBrowser, screenshot, signIn, startServer, waitForSync } from "./harness.mjs";
import { go, userToken, waitForUserData } from "./contrib.mjs";

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

test("(h) download my data, then delete my account", async () => {
    const user = { email: "zoe@maillage.test", password: "zoe-password-123", role: "resident", name: "Zoé Quillebeuf" };
    const record = await createUser(server, user);
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "en-GB", acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, server, user);
    await waitForSync(page);
    await waitForUserData(page);

    await go(page, "#/account");
    await page.getByTestId("my-data").waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("my-data-download").click()]);
    const zip = await readFile(await download.path());
    assert.equal(zip.subarray(0, 2).toString(), "PK", "a zip");
    for (const name of ["README.txt", "users.json"]) {
        assert.ok(zip.includes(Buffer.from(name)), `the zip holds ${name}`);
    }
    assert.equal(download.suggestedFilename(), `maillage-${record.id}.zip`);

    await page.getByTestId("my-data-delete").click();
    await page.getByTestId("my-data-delete-final").click();
    const refusal = page.getByTestId("my-data-delete-result");
    await page.waitForFunction(() => document.querySelector("[data-testid=my-data-delete-result]")?.textContent !== "");
    assert.match(await refusal.textContent(), /Choisissez ce que deviennent|Choose what becomes/);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.user), record.id, "still signed in");
    await screenshot(page, "account-delete");

    await page.getByTestId("my-data-choice-anonymise").check();
    await page.getByTestId("my-data-confirm").check();
    await page.getByTestId("my-data-delete-final").click();
    await page.waitForFunction(() => document.documentElement.dataset.user === "", null, { timeout: 15000 });
    await page.getByTestId("signin-form").waitFor();
    const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    assert.ok(!names.includes("maillage-" + record.id), `the device forgot the account's database (has ${names})`);
    await assert.rejects(userToken(server, user), /400/, "the account no longer signs in");
    await context.close();
});
