// @ts-check
// Maillage PWA entry point: language, navigation, service worker, server config, the user's local database
// and its sync, the shell (network state, progress bar, outbox badge) and the router.
import { currentUser, pb } from "./js/api.js";
import { setLocale, t, translatePage } from "./js/i18n.js";
import * as session from "./js/session.js";
import { loadConfig } from "./js/config.js";
import { initShell } from "./js/ui/shell.js";
import { initNav } from "./js/ui/nav.js";
import { registerWorker } from "./js/ui/update.js";
import { Router } from "./js/ui/router.js";
import { invalidate } from "./js/data.js";
import { initUnreadBadge } from "./js/unread.js";

const DATA_THROTTLE_MS = 250;

/**
 * makeContext builds the ctx every view receives: db follows the session (it changes on
 * sign-in and sign-out), sync.request() asks for a sync, onData(fn) calls fn(collections)
 * (throttled) when synced data changed and returns the function that stops it.
 */
function makeContext() {
    return {
        get db() { return session.state.db; },
        sync: {
            request: () => session.requestSync(),
            get config() { return session.state.config; },
        },
        session,
        t,
        user: currentUser,
        navigate: (/** @type {string} */ hash) => { location.hash = hash; },
        /**
         * @param {(what: string[]) => void} fn
         * @param {number} [ms] at most one call per ms (heavy views, e.g. the map, ask more)
         */
        onData(fn, ms = DATA_THROTTLE_MS) {
            // Coalesced: a first sync changes data page after page; views redraw at most every ms.
            /** @type {Set<string>} */
            const pending = new Set();
            let timer = 0;
            const handler = (/** @type {any} */ ev) => {
                (ev.detail || ["*"]).forEach((/** @type {string} */ c) => pending.add(c));
                timer ||= window.setTimeout(() => {
                    const what = [...pending];
                    pending.clear();
                    timer = 0;
                    fn(what);
                }, ms);
            };
            session.bus.addEventListener("data", handler);
            return () => { clearTimeout(timer); session.bus.removeEventListener("data", handler); };
        },
    };
}

/** markUser exposes the signed-in user's id as html[data-user] (tests and styles read it). */
function markUser() {
    document.documentElement.dataset.user = currentUser()?.id || "";
}

/** boot starts the app; each step works offline. */
async function boot() {
    setLocale(localStorage.getItem("maillage.locale") || "fr");
    const navList = /** @type {HTMLElement} */ (document.querySelector(".nav ul"));
    initNav(navList, currentUser()?.role || "");
    translatePage(document);
    registerWorker();
    session.state.config = await loadConfig();
    await session.openSession();
    markUser();
    pb.authStore.onChange(markUser);
    initShell(session);
    // First the memo of data.js forgets what changed, then the listeners read it again.
    session.bus.addEventListener("data", (ev) => {
        if (session.state.db) {
            invalidate(session.state.db, /** @type {any} */ (ev).detail || ["*"]);
        }
    });
    initUnreadBadge(session);
    navigator.storage?.persist?.().catch(() => false);
    const main = /** @type {HTMLElement} */ (document.getElementById("main"));
    const router = new Router(main, makeContext());
    window.addEventListener("maillage:session", () => {
        initNav(navList, currentUser()?.role || ""); // a moderator's tools come and go with them
        router.draw(true);
    });
    await router.start();
    document.documentElement.dataset.ready = "true";
}

boot().catch((err) => {
    // Without its local database the app cannot work: say why instead of a blank page.
    const main = document.getElementById("main");
    main?.replaceChildren(Object.assign(document.createElement("p"), { className: "notice", role: "alert",
        textContent: t("common.error", { message: String(err && err.message ? err.message : err) }) }));
    document.documentElement.dataset.ready = "error";
});
