// Cartoparty mode, offline: the GPS fix with its accuracy, a warning when a similar name
// exists within 50 m, photo + chip + save, the next one ready; back online everything syncs
// and a facilitator's places publish directly.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createUser, goOffline, launchBrowser, screenshot, signIn, startServer, superuserToken, waitForSync } from "./harness.mjs";
import { api, go, png, reconnect, waitForRecord, waitForUserData } from "./contrib.mjs";

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

test("cartoparty: offline places in three taps, similar names pointed out, synced later", async () => {
    const su = await superuserToken(server);
    const list = await api(server, su, "GET", "/api/collections/initiatives/records?perPage=50&filter=" +
        encodeURIComponent('status="published" && visibility="public" && geo.lat > 0'));
    const known = list.items.find((r) => r.geo && r.geo.lat !== 0);
    assert.ok(known, "the demo data has a located initiative");
    const user = { email: "fanny@maillage.test", password: "fanny-password-12", role: "facilitator" };
    await createUser(server, user);
    const context = await browser.newContext({
        viewport: { width: 360, height: 740 }, permissions: ["geolocation"],
        geolocation: { latitude: known.geo.lat, longitude: known.geo.lon, accuracy: 12 },
    });
    const page = await context.newPage();
    await signIn(page, server, user);
    await waitForSync(page);
    await waitForUserData(page);
    await waitForRecord(page, "initiatives", known.id);
    await goOffline(context);

    await go(page, "#/cartoparty");
    await page.getByTestId("carto-form").waitFor();
    await page.getByTestId("gps").filter({ hasText: "12 m" }).waitFor();
    await page.getByTestId("carto-name").fill(known.name.toUpperCase());
    await page.getByTestId("similar").filter({ hasText: known.name }).waitFor();
    await page.getByTestId("carto-name").fill("Nom sans équivalent " + Date.now());
    assert.equal(await page.getByTestId("similar").isHidden(), true, "no warning for a new name");
    await page.evaluate(() => { /** @type {HTMLElement} */ (document.activeElement)?.blur(); window.scrollTo(0, 0); });
    await screenshot(page, "cartoparty");

    const names = ["Boîte à livres du square", "Composteur de la rue"];
    for (const [i, name] of names.entries()) {
        await page.getByTestId("carto-photo").setInputFiles({ name: "p.png", mimeType: "image/png", buffer: png(800, 600, [120, 40 * i, 90]) });
        await page.locator('[data-testid^="chip-"]').first().check();
        await page.getByTestId("carto-name").fill(name);
        await page.getByTestId("carto-save").click();
        await page.getByTestId("carto-saved").filter({ hasText: String(i + 1) }).waitFor();
        assert.equal(await page.getByTestId("carto-name").inputValue(), "", "the next one is ready");
        assert.equal(await page.locator('input[name="categories"]:checked').count(), 0);
    }
    assert.equal((await page.locator("#outbox-badge").textContent()).trim(), "2");

    await reconnect(context, page);
    for (const name of names) {
        const found = await api(server, su, "GET", "/api/collections/initiatives/records?filter=" + encodeURIComponent(`name="${name}"`));
        assert.equal(found.items.length, 1, name);
        const r = found.items[0];
        assert.equal(r.status, "published", "a facilitator's place publishes directly");
        assert.equal(r.photos.length, 1);
        assert.equal(r.categories.length, 1);
        assert.ok(Math.abs(r.geo.lat - known.geo.lat) < 1e-4 && Math.abs(r.geo.lon - known.geo.lon) < 1e-4, "at the GPS fix");
    }
    await context.close();
});
