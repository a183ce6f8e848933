// @ts-check
// The navigation, drawn from one list of destinations. At phone widths it is a bottom bar of
// the destinations marked `bar` plus "More" (#/more, js/views/more.js), which lists the others
// by group; at wide widths it is a side bar with every destination (css/nav.css). Adding a
// destination is one entry of DESTINATIONS, plus its route (router.js), its label "nav.<view>"
// (messages*.js) and its icon (icons.js).
import { t } from "../i18n.js";
import { h } from "./dom.js";
import { icon } from "./icons.js";

/**
 * @typedef {object} Destination
 * @property {string} view the route's view (router.js ROUTES), also the link's hash "#/<view>"
 * @property {string} group its heading in the More view (GROUPS)
 * @property {boolean} [bar] one of the bottom bar's primary destinations
 * @property {string[]} [also] other views that mark this destination as current
 * @property {boolean} [count] shows the number of contributions waiting to be sent
 * @property {string} [role] shown only to users of this role (a moderators' tool)
 */

/** MORE is the view that lists the destinations left out of the bottom bar. */
export const MORE = "more";

/** BAR_MAX is the most entries the bottom bar holds, "More" included (platform conventions). */
export const BAR_MAX = 5;

/** GROUPS are the More view's headings, in order; each is labelled "nav.group.<name>". */
export const GROUPS = ["explore", "takePart", "you", "about"];

/** @type {Destination[]} DESTINATIONS is every place the navigation leads to, in order. */
export const DESTINATIONS = [
    { view: "map", group: "explore", bar: true },
    { view: "list", group: "explore" },
    { view: "agenda", group: "explore", bar: true },
    { view: "directory", group: "explore" },
    { view: "offers", group: "explore", bar: true },
    { view: "wiki", group: "explore" },
    { view: "network", group: "explore" },
    { view: "contribute", group: "takePart", bar: true, also: ["cartoparty"] },
    { view: "forum", group: "takePart" },
    { view: "proposals", group: "takePart" },
    { view: "outbox", group: "takePart", also: ["conflicts"], count: true },
    { view: "duplicates", group: "takePart", role: "moderator" },
    { view: "moderation", group: "takePart", role: "moderator" },
    { view: "messages", group: "you" },
    { view: "account", group: "you" },
    { view: "about", group: "about" },
    { view: "evaluation", group: "about" },
];

let pending = 0;

/**
 * currentEntries names the navigation entries that mark view as current: its destination,
 * and "more" too when the destination is not in the bottom bar (on a phone, More is the way
 * there); none for a view that is no destination (a detail page).
 * @param {string} view
 * @returns {string[]}
 */
export function currentEntries(view) {
    if (view === MORE) {
        return [MORE];
    }
    const d = DESTINATIONS.find((x) => x.view === view || x.also?.includes(view));
    if (!d) {
        return [];
    }
    return d.bar ? [d.view] : [d.view, MORE];
}

/**
 * forRole lists the destinations a user of role sees: every one, but the tools of other roles.
 * @param {string} role the signed-in user's role, "" for nobody
 * @returns {Destination[]}
 */
export function forRole(role) {
    return DESTINATIONS.filter((d) => !d.role || d.role === role);
}

/**
 * initNav fills the navigation list with the destinations of role and the More entry; it is
 * called again when the user signs in or out.
 * @param {HTMLElement} list the nav's <ul>
 * @param {string} [role] the signed-in user's role
 */
export function initNav(list, role = "") {
    list.replaceChildren(...forRole(role).map((d) => entry(d.view, d.bar ? "nav-bar" : "nav-extra", d.count ? "outbox-badge" : "")),
        entry(MORE, "nav-more", "nav-more-count"));
}

/**
 * entry draws one item of the navigation.
 * @param {string} view
 * @param {string} kind the item's class: nav-bar, nav-extra or nav-more (css/nav.css)
 * @param {string} countId the test id of its pending count, or "" for none
 */
function entry(view, kind, countId) {
    return h("li", { class: kind }, navLink(view, { "data-view": view, "data-testid": "nav-" + view }, countId));
}

/**
 * navLink draws a link to a destination (the navigation's and the More view's): its icon, its
 * label (translated again on a language switch) and, when countId is given, the pending count.
 * @param {string} view
 * @param {Record<string, string>} attrs the link's other attributes
 * @param {string} [countId] the count's test id, or "" for none
 * @returns {HTMLElement}
 */
export function navLink(view, attrs, countId = "") {
    return h("a", { href: "#/" + view, ...attrs },
        h("span", { class: "nav-icon" }, icon(view)),
        h("span", { class: "nav-label", "data-i18n": "nav." + view }, t("nav." + view)),
        countId ? countBadge(countId) : null);
}

/**
 * countBadge makes the pending count: a visible badge (the number, hidden at zero) and its
 * words for screen readers, both kept up to date by showPending.
 * @param {string} testId the badge's test id; "outbox-badge" also gets that id
 * @returns {HTMLElement[]}
 */
function countBadge(testId) {
    const badge = h("span", { class: "badge", "data-outbox-count": "", "data-testid": testId, "aria-hidden": "true",
        id: testId === "outbox-badge" ? testId : null });
    const said = h("span", { class: "visually-hidden" });
    paint(badge, said, pending);
    return [badge, said];
}

/**
 * showPending shows n, the number of contributions waiting to be sent, on every count.
 * @param {number} n
 */
export function showPending(n) {
    pending = n;
    document.querySelectorAll("[data-outbox-count]").forEach((el) => {
        paint(/** @type {HTMLElement} */ (el), /** @type {HTMLElement} */ (el.nextElementSibling), n);
    });
}

/**
 * paint writes n into one count: the badge's number (hidden at zero) and, for screen
 * readers, the words that follow the link's label.
 * @param {HTMLElement} badge
 * @param {HTMLElement|null} said
 * @param {number} n
 */
function paint(badge, said, n) {
    badge.textContent = n > 0 ? String(n) : "";
    badge.hidden = n === 0;
    if (said) {
        said.textContent = n > 0 ? ", " + t("outbox.badge", { count: n }) : "";
    }
}

/** pendingShown returns the last count shown. */
export function pendingShown() {
    return pending;
}

/**
 * markCurrent sets aria-current="page" on the navigation entries of the view shown.
 * @param {string} view
 */
export function markCurrent(view) {
    const current = currentEntries(view);
    document.querySelectorAll(".nav a[data-view]").forEach((a) => {
        if (current.includes(/** @type {string} */ (a.getAttribute("data-view")))) {
            a.setAttribute("aria-current", "page");
        } else {
            a.removeAttribute("aria-current");
        }
    });
}
