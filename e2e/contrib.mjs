// Steps of the contribution tests shared by b_, c_ and d_: go to a view, fill and save a
// form, read the outbox, sign out through the account view.
import { deflateSync } from "node:zlib";

/**
 * go shows a view by its hash without reloading the page.
 * @param {import("playwright-core").Page} page
 * @param {string} hash
 */
export async function go(page, hash) {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await page.waitForFunction((h) => location.hash === h && document.documentElement.dataset.ready === "true", hash);
}

/**
 * saveInitiative creates an initiative through the form; photo is an optional PNG buffer.
 * @param {import("playwright-core").Page} page
 * @param {{name: string, description?: string, photo?: Buffer}} v
 */
export async function saveInitiative(page, v) {
    await go(page, "#/contribute/initiatives");
    const form = page.getByTestId("contribute-form");
    await form.waitFor();
    await page.getByTestId("field-name").fill(v.name);
    if (v.description) {
        await page.getByTestId("field-description").fill(v.description);
    }
    if (v.photo) {
        await page.getByTestId("field-photo").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: v.photo });
    }
    await page.getByTestId("save").click();
    await page.getByTestId("saved").waitFor({ timeout: 30000 });
}

/**
 * pendingCount reads how many contributions the outbox view says wait.
 * @param {import("playwright-core").Page} page
 */
export async function pendingCount(page) {
    await go(page, "#/outbox");
    const p = page.getByTestId("outbox-pending");
    await p.waitFor();
    return Number(await p.getAttribute("data-count"));
}

/**
 * signOutClick presses "sign out" on the account view.
 * @param {import("playwright-core").Page} page
 */
export async function signOutClick(page) {
    await go(page, "#/account");
    await page.getByTestId("sign-out").click();
}

/**
 * png makes a w×h PNG of one colour (a photo stand-in the browser can decode and resize).
 * @param {number} w
 * @param {number} h
 * @param {[number, number, number]} rgb
 */
export function png(w, h, rgb) {
    const raw = Buffer.alloc((w * 3 + 1) * h);
    for (let y = 0; y < h; y++) {
        raw[y * (w * 3 + 1)] = 0;
        for (let x = 0; x < w; x++) {
            raw.set([(rgb[0] + x) & 255, (rgb[1] + y) & 255, rgb[2]], y * (w * 3 + 1) + 1 + x * 3);
        }
    }
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(w, 0);
    ihdr.writeUInt32BE(h, 4);
    ihdr.set([8, 2, 0, 0, 0], 8);
    return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
        chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

/**
 * chunk encodes one PNG chunk with its CRC.
 * @param {string} type
 * @param {Buffer} data
 */
function chunk(type, data) {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
}

/** @param {Buffer} buf */
function crc32(buf) {
    let c = ~0;
    for (const b of buf) {
        c ^= b;
        for (let k = 0; k < 8; k++) {
            c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
        }
    }
    return ~c >>> 0;
}

/**
 * editRecord changes fields of a record through its edit form (#/edit/{c}/{id}).
 * @param {import("playwright-core").Page} page
 * @param {string} c
 * @param {string} id
 * @param {Record<string, string>} values by field name
 */
export async function editRecord(page, c, id, values) {
    await go(page, `#/edit/${c}/${id}`);
    await page.getByTestId("contribute-form").waitFor({ timeout: 15000 }).catch(async (err) => {
        const local = await localView(page, c, id).catch((e) => "error " + e.message);
        throw new Error(`no edit form; the page shows: ${(await page.locator("main").innerText()).slice(0, 300)}; local view: ${JSON.stringify(local)?.slice(0, 100)}`, { cause: err });
    });
    for (const [name, v] of Object.entries(values)) {
        await page.getByTestId("field-" + name).fill(v);
    }
    await page.getByTestId("save").click();
    await page.getByTestId("saved").waitFor({ timeout: 30000 });
}

/**
 * reconnect puts a context back online and waits until its outbox is empty.
 * @param {import("playwright-core").BrowserContext} context
 * @param {import("playwright-core").Page} page
 */
export async function reconnect(context, page) {
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await page.waitForFunction(() => document.querySelector("#outbox-badge")?.hidden === true, null, { timeout: 60000 })
        .catch(async (err) => {
            const state = await page.evaluate(async () => {
                const { state } = await import("/js/session.js");
                return { online: navigator.onLine, running: Boolean(state.syncer?.running), leader: state.leader?.isLeader,
                    lastError: state.lastError, db: state.db?.name, user: document.documentElement.dataset.user };
            });
            throw new Error("the outbox did not drain after reconnecting: " + JSON.stringify(state), { cause: err });
        });
}

/**
 * localView reads a record's local view through the app's own open database (null when
 * absent), so that the test never opens, or creates, a database the app has not.
 * @param {import("playwright-core").Page} page
 * @param {string} c
 * @param {string} id
 */
export function localView(page, c, id) {
    return page.evaluate(async ([c, id]) => {
        const session = await import("/js/session.js");
        const db = await import("/js/db.js");
        if (!session.state.db) {
            return null;
        }
        const r = await db.row(session.state.db, c, id);
        return r && r.view ? r.view : null;
    }, [c, id]);
}

/**
 * waitForRecord waits until the app's local data holds the record, and returns its view;
 * want(view) may ask for more (a status, a value). It reads the record again each time the app
 * says its data changed (the session's "data" event, or the outbox's), never on a timer.
 * @param {import("playwright-core").Page} page
 * @param {string} c
 * @param {string} id
 * @param {(view: any) => boolean} [want]
 * @param {number} [timeout]
 */
export async function waitForRecord(page, c, id, want = () => true, timeout = 60000) {
    const deadline = Date.now() + timeout;
    for (;;) {
        await watchChanges(page); // before reading: a change just after the read is not missed
        const view = await localView(page, c, id);
        if (view && want(view)) {
            return view;
        }
        const changed = await page.waitForFunction(() => /** @type {any} */ (window).dataChanged, null,
            { timeout: Math.max(1, deadline - Date.now()) }).then(() => true, () => false);
        if (!changed) {
            throw new Error(`${c}/${id} did not reach the page's local data in ${timeout} ms (last view: ${JSON.stringify(view)})`);
        }
    }
}

/**
 * watchChanges clears window.dataChanged, which the app's next data or outbox event sets.
 * @param {import("playwright-core").Page} page
 */
async function watchChanges(page) {
    await page.evaluate(async () => {
        const w = /** @type {any} */ (window);
        w.dataChanged = false;
        if (!w.watchingChanges) {
            const { bus } = await import("/js/session.js");
            const { OUTBOX_EVENT } = await import("/js/outbox.js");
            const set = () => { w.dataChanged = true; };
            bus.addEventListener("data", set);
            window.addEventListener(OUTBOX_EVENT, set);
            w.watchingChanges = true;
        }
    });
}

/**
 * api calls the REST API as a user (token from auth-with-password) or the superuser.
 * @param {{url: string}} server
 * @param {string} token
 * @param {string} method
 * @param {string} path
 * @param {any} [body]
 */
export async function api(server, token, method, path, body) {
    const res = await fetch(server.url + path, {
        method, headers: { "Content-Type": "application/json", Authorization: token },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) {
        throw new Error(`${method} ${path}: ${res.status} ${text}`);
    }
    return text ? JSON.parse(text) : null;
}

/**
 * userToken signs a user in through the API and returns the token.
 * @param {{url: string}} server
 * @param {{email: string, password: string}} user
 */
export async function userToken(server, user) {
    const res = await api(server, "", "POST", "/api/collections/users/auth-with-password",
        { identity: user.email, password: user.password });
    return res.token;
}

/**
 * waitForUserData waits until the signed-in user's own database holds the categories: the
 * harness's waitForSync may be satisfied by the anonymous session's sync before sign-in.
 * @param {import("playwright-core").Page} page
 */
export async function waitForUserData(page) {
    await page.waitForFunction(async () => {
        const session = await import("/js/session.js");
        const db = await import("/js/db.js");
        return Boolean(session.state.db && session.state.db.name.endsWith(document.documentElement.dataset.user || "anon") &&
            (await db.count(session.state.db, "categories")) > 0);
    }, null, { timeout: 60000, polling: 300 });
}
