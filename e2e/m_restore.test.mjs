// (m) A backup restored while the PWA holds unsent work (issue 13): a resident's contribution
// acknowledged after the backup (the restore loses it on the server) and one saved offline
// (still in the outbox). The superuser restores the backup through PocketBase's API, the real
// binary restarts in place with a new epoch; back online the app re-snapshots, pushes again the
// acknowledged one from its journal and the queued one from its outbox: both on the server, once.
// Negative control: the same story with the app's journal emptied before reconnecting loses the
// acknowledged contribution, which the first test's check catches.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createUser, goOffline, launchBrowser, signIn, startServer, superuserToken, waitForSync } from "./harness.mjs";
import { api, go, localView, reconnect, saveInitiative, waitForUserData } from "./contrib.mjs";

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

/** outboxId waits until the outbox view lists the item named name in state, and returns its id. */
async function outboxId(page, name, state) {
    await go(page, "#/outbox");
    const item = page.locator(`[data-testid="outbox-item"][data-state="${state}"]`, { hasText: name });
    await item.waitFor({ timeout: 60000 });
    return item.getAttribute("data-id");
}

/** epoch reads the server's sync epoch, "" while the server does not answer (restarting). */
async function epoch() {
    try {
        const res = await fetch(server.url + "/api/sync/info");
        return res.ok ? (await res.json()).epoch : "";
    } catch {
        return "";
    }
}

/** newEpoch waits until the server answers with an epoch other than old (2 minutes at most). */
async function newEpoch(old) {
    for (let i = 0; i < 1200; i++) {
        const e = await epoch();
        if (e && e !== old) {
            return e;
        }
        await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the server's epoch is still ${old} after the restore:\n${server.log()}`);
}

/**
 * restoreScenario runs the story for one person (tag names their records and backup): a
 * contribution acknowledged after the backup, one queued offline, the restore, the reconnection.
 * forgetJournal (negative control) empties the app's journal before reconnecting, as an app that
 * does not keep its acknowledged mutations would be. It returns the two ids, the ids the server
 * holds under the tag and the app's journal.
 */
async function restoreScenario(tag, { forgetJournal = false } = {}) {
    const user = { email: `${tag}@maillage.test`, password: "restore-password-123", role: "resident" };
    await createUser(server, user);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await signIn(page, server, user);
    await waitForSync(page);
    await waitForUserData(page);

    let su = await superuserToken(server);
    await api(server, su, "POST", "/api/backups", { name: `${tag}.zip` });
    await saveInitiative(page, { name: `${tag} acquittée`, description: "Enregistrée après la sauvegarde." });
    const acked = await outboxId(page, `${tag} acquittée`, "synced");
    assert.equal((await api(server, su, "GET", `/api/collections/initiatives/records/${acked}`)).id, acked);

    await goOffline(ctx);
    await saveInitiative(page, { name: `${tag} en attente`, description: "Enregistrée hors ligne." });
    const queued = await outboxId(page, `${tag} en attente`, "waiting");

    const old = await epoch();
    await api(server, su, "POST", `/api/backups/${tag}.zip/restore`);
    await newEpoch(old);
    su = await superuserToken(server);
    const lost = await fetch(`${server.url}/api/collections/initiatives/records/${acked}`, { headers: { Authorization: su } });
    assert.equal(lost.status, 404, "the restored database lost the contribution made after the backup");
    if (forgetJournal) {
        await page.evaluate(async () => {
            const { state } = await import("/js/session.js");
            await new Promise((ok, fail) => {
                const t = state.db.transaction("journal", "readwrite");
                t.objectStore("journal").clear();
                t.oncomplete = ok;
                t.onerror = () => fail(t.error);
            });
        });
    }

    await reconnect(ctx, page);
    const list = await api(server, su, "GET", "/api/collections/initiatives/records?perPage=100&filter=" +
        encodeURIComponent(`name ~ "${tag}"`));
    const local = await Promise.all([acked, queued].map((id) => localView(page, "initiatives", id)));
    const journal = await page.evaluate(async () => {
        const session = await import("/js/session.js");
        const outbox = await import("/js/outbox.js");
        return (await outbox.journal(session.state.db)).map((m) => ({ id: m.id, status: m.result?.status }));
    });
    await ctx.close();
    return { acked, queued, onServer: list.items.map((r) => r.id).sort(), local, journal };
}

test("(m) after a restore the app pushes again what the server lost and what it queued, once", async () => {
    const run = await restoreScenario("restauration");
    assert.deepEqual(run.onServer, [run.acked, run.queued].sort(), "both on the server, once each");
    assert.ok(run.local.every((v) => v !== null), "both still in the app's local data");
    for (const id of [run.acked, run.queued]) {
        assert.deepEqual(run.journal.filter((m) => m.id === id).map((m) => m.status), ["applied"], `${id}: one applied mutation`);
    }
});

test("(m) negative control: an app without its journal loses the acknowledged contribution, and the check sees it", async () => {
    const run = await restoreScenario("controle", { forgetJournal: true });
    assert.deepEqual(run.onServer, [run.queued], "only the queued contribution reached the restored server");
    assert.throws(() => assert.deepEqual(run.onServer, [run.acked, run.queued].sort()), "the check of the first test fails");
});
