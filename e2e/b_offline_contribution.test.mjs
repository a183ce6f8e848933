// (b) Offline, a resident creates an initiative with a photo; after a reload, still offline,
// it waits in the outbox; back online it syncs (photo included), a moderator approves it, and
// a second user's browser receives it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createUser, goOffline, launchBrowser, screenshot, signIn, startServer, superuserToken, waitForSync } from "./harness.mjs";
import { api, go, localView, png, reconnect, saveInitiative, userToken, waitForRecord, waitForUserData } from "./contrib.mjs";

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

const NAME = "Jardin des Possibles (e2e)";

test("(b) an offline contribution with a photo survives a reload, syncs, is approved and reaches another user", async () => {
    const alice = { email: "alice@maillage.test", password: "alice-password-123", role: "resident" };
    const bob = { email: "bob@maillage.test", password: "bob-password-1234", role: "resident" };
    const mod = { email: "mod@maillage.test", password: "mod-password-1234", role: "moderator" };
    const [aliceRec] = await Promise.all([alice, bob, mod].map((u) => createUser(server, u)));

    const ctxB = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const pageB = await ctxB.newPage();
    await signIn(pageB, server, bob);
    await waitForSync(pageB);
    await waitForUserData(pageB);

    const ctxA = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const pageA = await ctxA.newPage();
    await signIn(pageA, server, alice);
    await waitForSync(pageA);
    await waitForUserData(pageA);
    await goOffline(ctxA);
    await saveInitiative(pageA, { name: NAME, description: "Un potager partagé au pied des immeubles.", photo: png(640, 480, [40, 160, 60]) });

    await pageA.reload();
    await pageA.waitForFunction(() => document.documentElement.dataset.ready === "true");
    assert.equal(await pageA.evaluate(() => document.documentElement.dataset.user), aliceRec.id, "still signed in offline");
    await go(pageA, "#/outbox");
    const item = pageA.locator('[data-testid="outbox-item"]', { hasText: NAME });
    await item.waitFor();
    assert.equal(await item.getAttribute("data-state"), "waiting", "after a reload offline it still waits");
    const id = await item.getAttribute("data-id");
    assert.equal((await localView(pageA, "initiatives", id)).name, NAME, "the local view shows it too");
    await screenshot(pageA, "outbox-waiting");

    const refreshed = pageA.waitForRequest((r) => r.url().includes("/api/collections/users/auth-refresh"), { timeout: 30000 });
    await reconnect(ctxA, pageA);
    await refreshed; // back online, the kept token is renewed
    const su = await superuserToken(server);
    const stored = await api(server, su, "GET", `/api/collections/initiatives/records/${id}`);
    assert.equal(stored.name, NAME);
    assert.equal(stored.status, "pending", "a resident's contribution waits for moderation");
    assert.equal(stored.photos.length, 1, "the photo came with it");
    const photo = await fetch(`${server.url}/api/files/initiatives/${id}/${stored.photos[0]}?token=`, { headers: { Authorization: su } });
    assert.equal(photo.status, 200);
    assert.match(photo.headers.get("content-type"), /^image\/jpeg/, "resized on the device, re-encoded by the server");
    await go(pageA, "#/outbox");
    await pageA.locator('[data-testid="outbox-item"][data-state="synced"]', { hasText: NAME }).waitFor();
    await screenshot(pageA, "outbox-synced");

    assert.equal(await localView(pageB, "initiatives", id), null, "not visible to others before moderation");
    await api(server, await userToken(server, mod), "PATCH", `/api/collections/initiatives/records/${id}`, { status: "published" });
    await waitForRecord(pageB, "initiatives", id, (v) => v.status === "published", 90000);
    await go(pageB, `#/i/initiatives/${id}`);
    await pageB.getByRole("heading", { name: NAME }).waitFor();
    await Promise.all([ctxA.close(), ctxB.close()]);
});
