// @ts-check
// The signed-in user's session: their IndexedDB, the sync leader, and what triggers a sync
// (realtime poke, `online`, a timer while the page is visible, a local change in any tab).
import { ApiError, currentUser, pb } from "./api.js";
import { dbName, deleteDb, openDb } from "./db.js";
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
    emit("data", ["*"]);
}

/** closeSession stops syncing and closes the database. */
export function closeSession() {
    clearInterval(timer);
    unsubscribe();
    state.leader?.close();
    state.db?.close();
    state.db = null;
    state.syncer = null;
    state.leader = null;
}

/** signOut closes the session and forgets the user's local data. */
export async function signOut() {
    const user = currentUser();
    closeSession();
    pb.authStore.clear();
    if (user) {
        await deleteDb(dbName(user.id));
    }
    await openSession();
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
    runSync();
    window.addEventListener("online", runSync);
    clearInterval(timer);
    timer = window.setInterval(() => {
        if (document.visibilityState === "visible") {
            runSync();
        }
    }, TIMER_MS);
    document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible") {
            runSync();
        }
    });
    subscribePoke();
}

/** subscribePoke pulls when the server says its change log grew; reconnecting pulls too. */
async function subscribePoke() {
    try {
        unsubscribe = await pb.realtime.subscribe("sync", () => runSync());
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
