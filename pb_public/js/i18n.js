// @ts-check
// Translations: t(key, params) in the current locale (French first, English too), numbers
// formatted for the locale, and [data-i18n] attributes filled in the static page.
import { MESSAGES as BASE } from "./messages.js";
import { CONTRIBUTE_MESSAGES } from "./messages-contribute.js";
import { NAV_MESSAGES } from "./messages-nav.js";
import { MODERATION_MESSAGES } from "./messages-moderation.js";
import { MODERATION_QUEUE_MESSAGES } from "./messages-moderation-queue.js";
import { EXCHANGES_MESSAGES } from "./messages-exchanges.js";
import { CONVERSATIONS_MESSAGES } from "./messages-conversations.js";
import { DISCUSSIONS_MESSAGES } from "./messages-discussions.js";
import { PUSH_MESSAGES } from "./messages-push.js";
import { ACCOUNT_MESSAGES } from "./messages-account.js";
import { PROPOSALS_MESSAGES } from "./messages-proposals.js";
import { REVISIONS_MESSAGES } from "./messages-revisions.js";
import { SUGGESTIONS_MESSAGES } from "./messages-suggestions.js";
import { WIKI_MESSAGES } from "./messages-wiki.js";
import { BASEMAP_MESSAGES } from "./messages-basemap.js";
import { NETWORK_MESSAGES } from "./messages-network.js";
import { EVALUATION_MESSAGES } from "./messages-evaluation.js";

/** MESSAGES holds every text: the views' (messages.js), the contribution views', the navigation's and the moderators'. */
export const MESSAGES = {
    fr: { ...BASE.fr, ...CONTRIBUTE_MESSAGES.fr, ...NAV_MESSAGES.fr, ...MODERATION_MESSAGES.fr, ...MODERATION_QUEUE_MESSAGES.fr, ...CONVERSATIONS_MESSAGES.fr, ...DISCUSSIONS_MESSAGES.fr, ...EXCHANGES_MESSAGES.fr, ...PUSH_MESSAGES.fr, ...ACCOUNT_MESSAGES.fr, ...PROPOSALS_MESSAGES.fr, ...REVISIONS_MESSAGES.fr, ...SUGGESTIONS_MESSAGES.fr, ...WIKI_MESSAGES.fr, ...NETWORK_MESSAGES.fr, ...BASEMAP_MESSAGES.fr, ...EVALUATION_MESSAGES.fr },
    en: { ...BASE.en, ...CONTRIBUTE_MESSAGES.en, ...NAV_MESSAGES.en, ...MODERATION_MESSAGES.en, ...MODERATION_QUEUE_MESSAGES.en, ...CONVERSATIONS_MESSAGES.en, ...DISCUSSIONS_MESSAGES.en, ...EXCHANGES_MESSAGES.en, ...PUSH_MESSAGES.en, ...ACCOUNT_MESSAGES.en, ...PROPOSALS_MESSAGES.en, ...REVISIONS_MESSAGES.en, ...SUGGESTIONS_MESSAGES.en, ...WIKI_MESSAGES.en, ...NETWORK_MESSAGES.en, ...BASEMAP_MESSAGES.en, ...EVALUATION_MESSAGES.en },
};

/** @type {"fr"|"en"} */
let current = "fr";

/** @type {Set<(loc: "fr"|"en") => void>} */
const listeners = new Set();

/**
 * setLocale switches the language ("fr" or "en"; anything else falls back to French) and
 * tells the onLocaleChange listeners when it changed.
 * @param {string} loc
 */
export function setLocale(loc) {
    const before = current;
    current = loc === "en" ? "en" : "fr";
    if (typeof document !== "undefined") {
        document.documentElement.lang = current;
    }
    if (current !== before) {
        listeners.forEach((fn) => fn(current));
    }
}

/**
 * onLocaleChange calls fn with the new language each time setLocale changes it; the returned
 * function stops that.
 * @param {(loc: "fr"|"en") => void} fn
 */
export function onLocaleChange(fn) {
    listeners.add(fn);
    return () => { listeners.delete(fn); };
}

/** locale returns the current language. */
export function locale() {
    return current;
}

/**
 * t translates key with {placeholders} replaced by params; numbers are locale-formatted.
 * A missing key shows itself, so the gap is visible (and the unit test fails).
 * @param {string} key
 * @param {Record<string, string|number>} [params]
 * @returns {string}
 */
export function t(key, params = {}) {
    const msg = MESSAGES[current][key] ?? MESSAGES.fr[key] ?? key;
    return msg.replace(/\{(\w+)\}/g, (_, name) => {
        const v = params[name];
        return typeof v === "number" ? formatNumber(v) : String(v ?? "");
    });
}

/**
 * formatNumber writes n the locale's way ("12 480" in French).
 * @param {number} n
 */
export function formatNumber(n) {
    return new Intl.NumberFormat(current === "fr" ? "fr-FR" : "en-GB").format(n);
}

/**
 * translatePage fills every [data-i18n] element's text and [data-i18n-attr] attribute
 * ("aria-label:nav.label").
 * @param {ParentNode} root
 */
export function translatePage(root) {
    root.querySelectorAll("[data-i18n]").forEach((el) => {
        el.textContent = t(/** @type {string} */ (el.getAttribute("data-i18n")));
    });
    root.querySelectorAll("[data-i18n-attr]").forEach((el) => {
        const [attr, key] = /** @type {string} */ (el.getAttribute("data-i18n-attr")).split(":");
        el.setAttribute(attr, t(key));
    });
}
