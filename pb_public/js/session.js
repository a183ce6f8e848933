// @ts-check
// The signed-in user's session: their IndexedDB, the sync leader, and what triggers a sync
// (realtime poke, `online`, a timer while the page is visible, a local change in any tab). It
// also keeps the user's profile locale equal to the app's language, which the server answers in.
import { ApiError, currentUser, pb } from "./api.js";
import { dbName, deleteDb, openDb } from "./db.js";
import { locale, onLocaleChange } from "./i18n.js";
import { Leader } from "./leader.js";
import { pendingCount } from "./outbox.js";
import { Syncer } from "./sync.js";

const TIMER_MS = 60_000;

/** The app's shared state: views read it, session.js and shell.js fill it. */
export const state = {
    /** @type {IDBDatabase|null} */ db: null,
    /** @type {Syncer|null} */ syncer: null,
    /** @type {Leader|null} */ leader: null,
    /** @type {{tileUrl: string, tileAttribution: string}} */ config: { tileUrl: "", tileAttribution: "" },
    /** @type {string} */ lastError: "",
    /** @type {boolean} */ authExpired: false,
};

/** bus carries app events: "data" (collections changed), "outbox", "progress", "syncerror". */
export const bus = new EventTarget();

/**
 * emit fires an app event.
 * @param {string} name
 * @param {any} [detail]
 */
export function emit(name, detail) {
    bus.dispatchEvent(new CustomEvent(name, { detail }));
}

let timer = 0;
let unsubscribe = () => {};
let unlistenLocale = () => {};

/** openSession opens the current user's database (anonymous when signed out) and starts syncing. */
export async function openSession() {
    const user = currentUser();
    const name = dbName(user ? user.id : "");
    state.db = await openDb(name);
    state.syncer = new Syncer(state.db, {
        signedIn: Boolean(user),
        onProgress: (p) => { emit("progress", p); state.leader?.post({ type: "progress", p }); },
        onChange: (what) => { emit("data", what); state.leader?.post({ type: "changed", what }); },
    });
    state.leader = new Leader(name, {
        onLead: () => startLeading(),
        onMessage: (m) => onTabMessage(m),
    });
    unlistenLocale = onLocaleChange(() => { saveLocale(); });
    saveLocale();
    emit("data", ["*"]);
}

/** closeSession stops syncing and closes the database. */
export function closeSession() {
    clearInterval(timer);
    window.removeEventListener("online", onOnline);
    document.removeEventListener("visibilitychange", onVisible);
    unsubscribe();
    unlistenLocale();
    state.leader?.close();
    state.db?.close();
    state.db = null;
    state.syncer = null;
    state.leader = null;
}

/** SESSION_EVENT is fired on window after sign-in and sign-out (the router redraws). */
export const SESSION_EVENT = "maillage:session";

/** UnsentError refuses a sign-out that would lose contributions not sent yet. */
export class UnsentError extends Error {
    /** @param {number} count */
    constructor(count) {
        super(`${count} contributions are not sent yet: sync before signing out, or discard them`);
        this.count = count;
    }
}

/**
 * signIn signs in with a password (needs the network) and opens the user's own database.
 * @param {string} email
 * @param {string} password
 */
export async function signIn(email, password) {
    await pb.collection("users").authWithPassword(email, password);
    await reopen();
}

/**
 * signOut closes the session and forgets the user's local data. While the outbox holds
 * unsent work it refuses with UnsentError, unless discard is true.
 * @param {{discard?: boolean}} [opts]
 */
export async function signOut(opts = {}) {
    const unsent = await unsentCount();
    if (unsent > 0 && !opts.discard) {
        throw new UnsentError(unsent);
    }
    const user = currentUser();
    closeSession();
    pb.authStore.clear();
    if (user) {
        await deleteDb(dbName(user.id));
    }
    await openSession();
    window.dispatchEvent(new Event(SESSION_EVENT));
}

/** reopen switches to the current user's database and tells the views. */
async function reopen() {
    closeSession();
    state.authExpired = false;
    await openSession();
    window.dispatchEvent(new Event(SESSION_EVENT));
}

/**
 * refreshAuth renews the token when online; offline the user stays signed in with the token
 * kept. A token the server no longer accepts is kept too (the outbox stays with it) and
 * state.authExpired asks the user to sign in again.
 */
export async function refreshAuth() {
    if (!currentUser() || !navigator.onLine) {
        return;
    }
    try {
        await pb.collection("users").authRefresh();
    } catch (err) {
        const status = /** @type {any} */ (err).status;
        if (status === 401 || status === 403 || status === 404) {
            state.authExpired = true;
            emit("auth", { expired: true });
        }
    }
}

/** unsentCount returns how many contributions wait in the outbox. */
export function unsentCount() {
    return state.db ? pendingCount(state.db) : Promise.resolve(0);
}

/**
 * requestSync asks for a sync: the leader runs it, a follower asks the leader.
 */
export function requestSync() {
    if (state.leader && !state.leader.isLeader) {
        state.leader.post({ type: "kick" });
        return Promise.resolve();
    }
    return runSync();
}

/** runSync syncs now in this tab and reports failures without throwing. */
async function runSync() {
    if (!state.syncer || !navigator.onLine) {
        return;
    }
    try {
        await state.syncer.run();
        state.lastError = "";
        emit("synced");
    } catch (err) {
        state.lastError = err instanceof ApiError && err.status === 0 ? "" : /** @type {Error} */ (err).message;
        emit("syncerror", err);
    }
    emit("outbox");
}

/** startLeading runs the sync triggers in the leading tab. */
function startLeading() {
    refreshAuth().finally(runSync);
    window.addEventListener("online", onOnline);
    clearInterval(timer);
    timer = window.setInterval(() => {
        if (document.visibilityState === "visible") {
            runSync();
        }
    }, TIMER_MS);
    document.addEventListener("visibilitychange", onVisible);
    if (currentUser()) {
        subscribePoke(); // the server refuses the poke topic to anonymous visitors: they use the timer
    }
}

/** onVisible syncs when the page comes back to the front. */
function onVisible() {
    if (document.visibilityState === "visible") {
        runSync();
    }
}

/** onOnline renews the token, then syncs; a language chosen offline reaches the profile. */
function onOnline() {
    refreshAuth().finally(runSync);
    saveLocale();
}

/**
 * saveLocale writes the app's language to the signed-in user's profile (`locale`) when it
 * differs, so that the server answers in it whatever the device: on opening the session (a
 * sign-in keeps the app's choice), on switching language, and on coming back online. Offline
 * or refused, it waits for the next of these.
 * @returns {Promise<void>}
 */
export async function saveLocale() {
    const user = currentUser();
    if (!user || !navigator.onLine || user.locale === locale()) {
        return;
    }
    try {
        await pb.collection("users").update(user.id, { locale: locale() });
    } catch {
        // Offline after all, or an expired token: the next sign-in or `online` tries again.
    }
}

/**
 * POKE_SPREAD_MS spreads the pulls one poke causes over this window, each device at a random
 * moment, so that a thousand devices do not pull at the same instant (BENCHMARKS.md: the same
 * pulls take a p99 of 1.3 s all at once, a few ms spread out).
 */
const POKE_SPREAD_MS = 5000;
let pokeTimer = 0;

/** onPoke pulls at a random moment within POKE_SPREAD_MS; pokes during the wait add nothing. */
function onPoke() {
    if (!pokeTimer) {
        pokeTimer = window.setTimeout(() => { pokeTimer = 0; runSync(); }, Math.random() * POKE_SPREAD_MS);
    }
}

/** subscribePoke pulls when the server says its change log grew; reconnecting pulls too. */
async function subscribePoke() {
    try {
        unsubscribe = await pb.realtime.subscribe("sync", onPoke);
        pb.realtime.onDisconnect = () => { setTimeout(runSync, 1000); };
    } catch {
        // Offline or realtime unavailable: the timer and `online` still pull.
    }
}

/**
 * onTabMessage handles what other tabs say.
 * @param {any} m
 */
function onTabMessage(m) {
    if (m.type === "kick" && state.leader?.isLeader) {
        runSync();
    } else if (m.type === "changed") {
        emit("data", m.what);
        emit("outbox");
    } else if (m.type === "progress") {
        emit("progress", m.p);
    }
}
