// The other contribution forms, online: an event (dates, repetition), an offer (kind, mode,
// numbers, expiry) and an organisation reach the server with the values typed; an edit sends
// only what changed. The pin moves with the keyboard.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createUser, launchBrowser, signIn, startServer, superuserToken, waitForSync } from "./harness.mjs";
import { api, go, waitForUserData } from "./contrib.mjs";

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

/**
 * fillAndSave fills a new form of collection c and returns the saved record from the server.
 * @param {import("playwright-core").Page} page
 * @param {string} c
 * @param {Record<string, string>} values by field name ("select:" prefix selects an option)
 * @param {() => Promise<void>} [more] other steps before saving
 */
async function fillAndSave(page, c, values, more = async () => {}) {
    await go(page, "#/contribute/" + c);
    await page.getByTestId("contribute-form").waitFor();
    for (const [name, v] of Object.entries(values)) {
        const el = page.getByTestId("field-" + name);
        if (v.startsWith("select:")) {
            await el.selectOption(v.slice(7));
        } else {
            await el.fill(v);
        }
    }
    await more();
    await page.getByTestId("save").click();
    await page.getByTestId("saved").waitFor({ timeout: 30000 });
    const href = await page.getByRole("link", { name: /Voir la fiche/ }).getAttribute("href");
    const id = href.split("/").pop();
    return api(server, await superuserToken(server), "GET", `/api/collections/${c}/records/${id}`);
}

test("events, offers and organisations are created and edited through their forms", async () => {
    const user = { email: "yann@maillage.test", password: "yann-password-123", role: "facilitator" };
    await createUser(server, user);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: "Europe/Paris" });
    const page = await context.newPage();
    await signIn(page, server, user);
    await waitForSync(page);
    await waitForUserData(page);

    const ev = await fillAndSave(page, "events", {
        title: "Repair café", start: "2026-12-05T14:00", end: "2026-12-05T17:30", rrule: "FREQ=WEEKLY;BYDAY=SA",
        place: "Maison de quartier", registrationUrl: "https://example.org/inscription",
    });
    assert.deepEqual([ev.title, ev.start, ev.end, ev.rrule, ev.status],
        ["Repair café", "2026-12-05 13:00:00.000Z", "2026-12-05 16:30:00.000Z", "FREQ=WEEKLY;BYDAY=SA", "published"]);

    const offer = await fillAndSave(page, "offers", {
        kind: "select:need", mode: "select:loan", title: "Perceuse", price: "4.5", expires: "2027-01-31",
    });
    assert.deepEqual([offer.kind, offer.mode, offer.title, offer.price, offer.expires.slice(0, 10)],
        ["need", "loan", "Perceuse", 4.5, "2027-01-31"]);

    const org = await fillAndSave(page, "organisations", { name: "Collectif du canal", website: "https://canal.example.org" }, async () => {
        await page.getByTestId("pin-map").locator(".leaflet-marker-icon").focus();
        for (let i = 0; i < 3; i++) {
            await page.keyboard.press("ArrowUp");
        }
    });
    assert.equal(org.website, "https://canal.example.org");
    assert.ok(Math.abs(org.geo.lat - (48.9245 + 0.0003)) < 1e-6 && Math.abs(org.geo.lon - 2.3775) < 1e-6,
        `the pin moved with the keyboard: ${JSON.stringify(org.geo)}`);

    await go(page, `#/edit/events/${ev.id}`);
    await page.getByTestId("field-place").fill("Square Paul Éluard");
    await page.getByTestId("save").click();
    await page.getByTestId("saved").waitFor({ timeout: 30000 });
    const journal = await page.evaluate(async () => {
        const session = await import("/js/session.js");
        const { journal } = await import("/js/outbox.js");
        return journal(session.state.db);
    });
    const last = journal.at(-1);
    assert.deepEqual([last.op, Object.keys(last.fields)], ["update", ["place"]], "an edit sends only the changed field");
    const edited = await api(server, await superuserToken(server), "GET", `/api/collections/events/records/${ev.id}`);
    assert.deepEqual([edited.place, edited.start], ["Square Paul Éluard", ev.start]);
    await context.close();
});
