// @ts-check
// The shell around the views: network state, the first-sync progress bar with counts
// ("12 480 / 20 000 initiatives"), the pending count on the navigation, and the language switch.
import { locale, setLocale, t, translatePage } from "../i18n.js";
import { pendingShown, showPending } from "./nav.js";

/**
 * initShell wires the shell to the session's events.
 * @param {typeof import("../session.js")} session
 */
export function initShell(session) {
    showNetwork();
    window.addEventListener("online", showNetwork);
    window.addEventListener("offline", showNetwork);
    session.bus.addEventListener("progress", (ev) => showProgress(/** @type {any} */ (ev).detail));
    window.addEventListener("maillage:outbox", (ev) => showPending(/** @type {any} */ (ev).detail?.pending ?? 0));
    session.bus.addEventListener("outbox", () => countPending(session));
    session.bus.addEventListener("synced", () => { document.documentElement.dataset.synced = "true"; });
    countPending(session);
    document.getElementById("lang")?.addEventListener("click", switchLanguage);
    document.querySelector(".skip")?.addEventListener("click", skipToMain);
}

/**
 * skipToMain moves focus to the content without touching the hash (it holds the route).
 * @param {Event} ev
 */
function skipToMain(ev) {
    ev.preventDefault();
    document.getElementById("main")?.focus();
}

/** showNetwork says whether the device is online. */
function showNetwork() {
    const net = document.getElementById("net");
    if (!net) {
        return;
    }
    net.textContent = navigator.onLine ? "" : t("net.offline");
    net.classList.toggle("offline", !navigator.onLine);
}

/**
 * showProgress draws the sync progress, or hides it when p is null.
 * @param {{c: string, done: number, total: number}|null} p
 */
function showProgress(p) {
    const box = document.getElementById("progress");
    const bar = /** @type {HTMLProgressElement|null} */ (document.getElementById("progress-bar"));
    const label = document.getElementById("progress-label");
    if (!box || !bar || !label) {
        return;
    }
    box.hidden = !p;
    if (!p) {
        return;
    }
    const collection = t("coll." + p.c);
    label.textContent = p.total > 0
        ? t("sync.progress", { done: p.done, total: p.total, collection })
        : t("sync.progressNoTotal", { done: p.done, collection });
    bar.max = Math.max(p.total, 1);
    bar.value = Math.min(p.done, bar.max);
}

/**
 * countPending reads the outbox size and shows it.
 * @param {typeof import("../session.js")} session
 */
async function countPending(session) {
    try {
        showPending(await session.unsentCount());
    } catch {
        // Database closing (sign-out): the next event counts again.
    }
}

/** switchLanguage toggles French and English, remembers it and redraws. */
function switchLanguage() {
    const next = locale() === "fr" ? "en" : "fr";
    setLocale(next);
    localStorage.setItem("maillage.locale", next);
    translatePage(document);
    showPending(pendingShown());
    window.dispatchEvent(new HashChangeEvent("hashchange"));
}
