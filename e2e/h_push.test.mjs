// (h) Web Push in Chromium: the account view offers notifications behind a button (nothing is
// asked on load) and saves the person's choices; the service worker shows the notification of
// a push it receives, with the title and body the server sends, and keeps the view to open.
// The one thing mocked is the remote push service: headless Chromium cannot reach a browser
// vendor's service, so the push is handed to the worker through the DevTools protocol
// (ServiceWorker.deliverPushMessage), with the very payload the server encrypts for a real
// service (push/roundtrip_test.go checks that part on loopback).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createUser, launchBrowser, screenshot, signIn, startServer } from "./harness.mjs";

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

/**
 * registrationOf returns the service worker registration id of origin through the DevTools
 * protocol, once the worker is active.
 * @param {import("playwright-core").CDPSession} cdp
 * @param {string} origin
 */
async function registrationOf(cdp, origin) {
    return new Promise((resolve) => {
        cdp.on("ServiceWorker.workerVersionUpdated", ({ versions }) => {
            const active = versions.find((v) => v.scriptURL.startsWith(origin) && v.status === "activated");
            if (active) {
                resolve(active.registrationId);
            }
        });
        cdp.send("ServiceWorker.enable");
    });
}

/**
 * deliver hands a push to the worker through the DevTools protocol and waits for the worker's
 * word that it showed the notification ("maillage:push" posted to the page), then returns the
 * notification as the registration lists it: {title, body, url}.
 * @param {import("playwright-core").Page} page
 * @param {import("playwright-core").CDPSession} cdp
 * @param {string} registrationId
 * @param {{title: string, body: string, url: string}} note
 */
async function deliver(page, cdp, registrationId, note) {
    const heard = page.evaluate(() => new Promise((resolve) => {
        navigator.serviceWorker.addEventListener("message", (ev) => {
            if (ev.data && ev.data.type === "maillage:push") {
                resolve(true);
            }
        });
    }));
    await page.evaluate(() => navigator.serviceWorker.ready); // the listener is set
    await cdp.send("ServiceWorker.deliverPushMessage", { origin: server.url + "/", registrationId, data: JSON.stringify(note) });
    await heard;
    return page.evaluate(async (title) => {
        const reg = await navigator.serviceWorker.ready;
        const n = (await reg.getNotifications()).find((x) => x.title === title);
        return n ? { title: n.title, body: n.body, url: n.data && n.data.url } : null;
    }, note.title);
}

test("(h) the account view offers notifications; the service worker shows a push it receives", async () => {
    const user = { email: "nina@maillage.test", password: "nina-password-123", role: "resident" };
    await createUser(server, user);
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "fr-FR" });
    const page = await context.newPage();
    await signIn(page, server, user);
    await page.goto(server.url + "/#/account");

    const settings = page.getByTestId("push-settings");
    await settings.getByTestId("push-enable").waitFor();
    assert.equal(await page.evaluate(() => Notification.permission), "default", "nothing asked before the button is pressed");
    await settings.getByTestId("push-prefs").waitFor();
    await page.getByTestId("push-replies").uncheck();
    await page.getByTestId("push-nearEvents").check();
    await page.getByTestId("push-prefs-save").click();
    const consentError = page.locator("#push-nearConsent-error"); // the server's refusal, beside the consent
    await consentError.getByText("Pour être prévenu·e de ce qui se passe près d'un point").waitFor();
    await page.getByTestId("push-nearEvents").uncheck();
    await page.getByTestId("push-prefs-save").click();
    await page.getByText("Vos choix de notifications sont enregistrés.").waitFor();
    const saved = await page.evaluate(async () => {
        const token = JSON.parse(localStorage.getItem("pocketbase_auth") || "{}").token;
        const res = await fetch("/api/collections/notificationPreferences/records", { headers: { Authorization: token } });
        return (await res.json()).items;
    });
    assert.equal(saved.length, 1);
    assert.deepEqual([saved[0].messages, saved[0].replies, saved[0].decisions, saved[0].near], [true, false, true, []]);
    await screenshot(page, "account-notifications");

    await context.grantPermissions(["notifications"], { origin: server.url });
    const cdp = await context.newCDPSession(page);
    const registrationId = await registrationOf(cdp, server.url);
    const note = { title: "Alice vous a écrit", body: "La perceuse est libre samedi.", url: "/#/messages/abc123" };
    assert.deepEqual(await deliver(page, cdp, registrationId, note), note);

    // A push from elsewhere cannot make a click leave the app: its url is kept on this origin.
    const away = { title: "Ailleurs", body: "…", url: "https://example.org/phishing" };
    assert.deepEqual(await deliver(page, cdp, registrationId, away), { ...away, url: "/" });
    await context.close();
});
