// The knowledge wiki offline: a facilitator writes a page with no network (it is queued in the
// outbox and shown as not sent), the network comes back and the page syncs (the server gives
// it its slug and keeps the Markdown, its raw HTML escaped); then, with the network cut and the
// server stopped, a reload still lists, searches and shows the page from the device's store.
// The control: a search for a word the page lacks finds nothing.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createUser, goOffline, launchBrowser, openSignedIn, screenshot, startServer } from "./harness.mjs";
import { api, go, pendingCount, png, reconnect, userToken, waitForRecord, waitForUserData } from "./contrib.mjs";

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

const BODY = "## Outils\n\n![La roue](1)\n\nUne **clé de 15** et des rustines.\n\n- démonter la roue\n- trouver la fuite\n\n<script>alert(1)</script>";

test("a page written offline is queued, synced, then read and searched with the network cut", async () => {
    const fa = { email: "fa@maillage.test", password: "fa-password-123", name: "Fa", role: "facilitator" };
    const user = await createUser(server, fa);
    const token = await userToken(server, fa);
    const place = await api(server, token, "POST", "/api/collections/initiatives/records",
        { name: "Atelier vélo du Landy", author: user.id, visibility: "public" });
    const { context, page } = await openSignedIn(browser, server, fa);
    try {
        await waitForUserData(page);
        await waitForRecord(page, "initiatives", place.id);
        await go(page, "#/wiki");
        await page.getByTestId("wiki-empty").waitFor();
        // The worker controls the page once its precache of the shell (every view) is complete.
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });

        await goOffline(context);
        await go(page, `#/i/initiatives/${place.id}`);
        await page.getByTestId("wiki-write-about").click();
        await page.getByTestId("wiki-form").waitFor();
        await page.getByTestId("wiki-field-title").fill("Réparer son vélo");
        await page.getByTestId("wiki-field-summary").fill("Une crevaison en dix minutes");
        await page.getByTestId("wiki-field-body").fill(BODY);
        await page.getByTestId("field-photo").setInputFiles({ name: "roue.png", mimeType: "image/png", buffer: png(320, 240, [200, 60, 40]) });
        await page.getByTestId("wiki-save").click();
        await page.getByTestId("wiki-page-title").waitFor();
        const id = await page.getByTestId("wiki-page").getAttribute("data-id");
        assert.ok(id, "the page opens at once from the device");
        await page.getByTestId("wiki-unsent").waitFor();
        assert.match(await page.getByTestId("wiki-page").getByRole("img", { name: "La roue" }).getAttribute("src"), /^blob:/,
            "the image not sent yet shows from the device, where the text puts it");
        assert.equal(await pendingCount(page), 1, "the page waits in the outbox");

        await reconnect(context, page);
        const synced = await waitForRecord(page, "pages", id, (v) => Boolean(v.created) && v.slug === "reparer-son-velo");
        assert.match(synced.body, /\\<script>alert\(1\)\\<\/script>/, "the server escaped the raw HTML");
        const stored = await api(server, token, "GET", `/api/collections/pages/records/${id}`);
        assert.equal(stored.status, "published");
        assert.deepEqual(stored.initiatives, [place.id], "the page is about the place it was written from");
        assert.equal(stored.images.length, 1, "the image reached the server through the photo pipeline");

        await goOffline(context); // an edit offline sends only what changed
        await go(page, "#/wiki/reparer-son-velo/edit");
        await page.getByTestId("wiki-field-summary").fill("Une crevaison en cinq minutes");
        await page.getByTestId("wiki-save").click();
        await page.waitForFunction(() => location.hash === "#/wiki/reparer-son-velo");
        await reconnect(context, page);
        const edited = await api(server, token, "GET", `/api/collections/pages/records/${id}`);
        assert.equal(edited.summary, "Une crevaison en cinq minutes");
        assert.equal(edited.body, synced.body, "the body is left as it was");
        // A synced page has the moderation panel of every record (its author reads decisions).
        await page.getByTestId("wiki-page").getByTestId("moderation-panel").waitFor();

        await server.stop();
        await goOffline(context);
        // The image may sit in Chromium's HTTP cache from the online views above, depending on
        // timing: emptied, it can come only from the network, which is cut.
        await (await context.newCDPSession(page)).send("Network.clearBrowserCache");
        await page.goto(server.url + "/#/wiki");
        await page.reload();
        await page.getByTestId("wiki-pages").waitFor();
        await page.getByTestId("wiki-search").fill("velo rustine");
        await page.getByTestId("wiki-search").press("Enter");
        await page.waitForFunction(() => location.hash === "#/wiki?q=velo%20rustine");
        const item = page.getByTestId("wiki-page-item");
        await item.first().waitFor();
        assert.equal(await item.count(), 1);
        await item.getByRole("link").click();
        await page.waitForFunction(() => location.hash === "#/wiki/reparer-son-velo");
        assert.equal(await page.getByTestId("wiki-page-title").innerText(), "Réparer son vélo");
        const article = page.getByTestId("wiki-page");
        assert.equal(await article.locator("h3").innerText(), "Outils");
        // The synced image is the server's, out of reach with the network cut: its description says so.
        await article.getByText("[La roue] Photo visible avec le réseau.").waitFor();
        assert.equal(await article.locator("strong").innerText(), "clé de 15");
        assert.equal(await article.locator("script").count(), 0, "no script element from the page's text");
        assert.match(await article.innerText(), /<script>alert\(1\)<\/script>/, "the tag reads as text");
        await screenshot(page, "wiki-page-offline");
        await article.getByTestId("wiki-link").click();
        await page.getByTestId("wiki-about").getByRole("link", { name: "Réparer son vélo" }).waitFor();

        await go(page, "#/wiki?q=compost");
        await page.getByTestId("wiki-empty").waitFor();
        assert.equal(await page.getByTestId("wiki-page-item").count(), 0, "control: a word the page lacks finds nothing");
    } finally {
        await context.close();
    }
});
