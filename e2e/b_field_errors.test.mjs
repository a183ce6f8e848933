// A contribution the server refuses (a place far outside the territory): its field error is
// shown beside the field, the outbox shows the server's reason, "retry" sends it again, and
// "fix" reopens the form with the error in place.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createUser, launchBrowser, screenshot, signIn, startServer, waitForSync } from "./harness.mjs";
import { go, waitForUserData } from "./contrib.mjs";

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

test("the server's field errors show beside the field, in the form and from the outbox", async () => {
    const user = { email: "rose@maillage.test", password: "rose-password-123", role: "resident" };
    await createUser(server, user);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, server, user);
    await waitForSync(page);
    await waitForUserData(page);

    await go(page, "#/contribute/initiatives");
    await page.getByTestId("field-name").fill("Ressourcerie très lointaine");
    const map = page.getByTestId("pin-map");
    for (let i = 0; i < 4; i++) {
        // Leaflet drops a zoom asked during the previous one's animation: wait until it ended.
        const zoom = Number(await map.getAttribute("data-zoom"));
        await map.locator(".leaflet-control-zoom-out").click();
        await page.locator(`[data-testid=pin-map][data-zoom="${zoom - 1}"]`).waitFor();
    }
    const box = await map.boundingBox();
    await page.mouse.click(box.x + box.width - 30, box.y + 30);
    await screenshot(page, "contribute-form");
    await page.getByTestId("save").click();

    const geoError = page.locator("#f-geo-error");
    await geoError.waitFor({ state: "visible", timeout: 30000 });
    assert.match(await geoError.textContent(), /Le serveur a refusé ce champ/);
    assert.equal(await page.getByTestId("field-name").inputValue(), "Ressourcerie très lointaine", "the form keeps what was typed");
    await screenshot(page, "contribute-field-error");

    await go(page, "#/outbox");
    const item = page.locator('[data-testid="outbox-item"][data-state="rejected"]', { hasText: "Ressourcerie très lointaine" });
    await item.waitFor();
    assert.match(await item.getByTestId("reason").textContent(), /Raison du serveur/);
    await item.getByTestId("retry").click();
    const rejected = page.locator('[data-testid="outbox-item"][data-state="rejected"]', { hasText: "Ressourcerie très lointaine" });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="outbox-item"][data-state="rejected"]').length === 2,
        null, { timeout: 30000 });
    assert.equal(await rejected.count(), 2, "retry sent it again, and the server refused it again for the same reason");
    await rejected.first().getByTestId("fix").click();
    await page.locator("#f-geo-error").waitFor({ state: "visible" });
    assert.equal(await page.getByTestId("field-name").inputValue(), "Ressourcerie très lointaine");
    await context.close();
});
