// @ts-check
// The unread badge of the navigation's Messages entry: the number of messages of others I
// have not read, from the synced data (so it works offline), repainted when data changes and
// after the navigation is drawn again (sign-in, sign-out).
import { currentUser } from "./api.js";
import { totalUnread } from "./conversations.js";
import { t } from "./i18n.js";

/**
 * initUnreadBadge keeps the badge up to date for session (js/session.js).
 * @param {any} session
 */
export function initUnreadBadge(session) {
    const repaint = () => paintUnread(session).catch(() => { /* database closing on sign-out */ });
    session.bus.addEventListener("data", repaint);
    window.addEventListener("maillage:session", repaint);
    document.addEventListener("maillage:view", repaint); // the More view draws its own links
    repaint();
}

/**
 * paintUnread writes the count on every link to #/messages (the navigation and the More view).
 * @param {any} session
 */
export async function paintUnread(session) {
    const user = currentUser();
    const n = user && session.state.db ? await totalUnread(session.state.db, user.id) : 0;
    document.querySelectorAll('a[href="#/messages"]').forEach((a) => {
        let badge = /** @type {HTMLElement|null} */ (a.querySelector("[data-unread-count]"));
        if (!badge) {
            badge = Object.assign(document.createElement("span"), { className: "badge" });
            badge.dataset.unreadCount = "";
            badge.dataset.testid = "unread-badge";
            badge.setAttribute("aria-hidden", "true");
            a.append(badge, Object.assign(document.createElement("span"), { className: "visually-hidden" }));
        }
        badge.textContent = n > 0 ? String(n) : "";
        badge.hidden = n === 0;
        /** @type {HTMLElement} */ (badge.nextElementSibling).textContent = n > 0 ? ", " + t("conv.badge", { count: n }) : "";
    });
}
