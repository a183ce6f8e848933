// @ts-check
// More (#/more): the destinations that the phone's bottom bar leaves out, as lists of links
// under their group's heading, drawn from the navigation's one list (js/ui/nav.js), so a new
// destination appears here by its entry there. The outbox's line shows the pending count.
import { h } from "../ui/dom.js";
import { GROUPS, navLink, forRole } from "../ui/nav.js";

/**
 * render draws the More view.
 * @param {HTMLElement} main
 * @param {Record<string, string>} params
 * @param {any} ctx
 */
export async function render(main, params, ctx) {
    const rest = forRole(ctx.user()?.role || "").filter((d) => !d.bar);
    const groups = GROUPS.map((g) => group(g, rest.filter((d) => d.group === g), ctx.t));
    main.replaceChildren(h("h1", {}, ctx.t("nav.more.title")), ...groups.filter((g) => g !== null));
}

/**
 * group draws one heading and its links, or nothing for a group with no destination here.
 * @param {string} name
 * @param {import("../ui/nav.js").Destination[]} items
 * @param {(key: string) => string} t
 */
function group(name, items, t) {
    if (items.length === 0) {
        return null;
    }
    const id = "more-group-" + name;
    return h("section", { "aria-labelledby": id, "data-testid": id },
        h("h2", { id }, t("nav.group." + name)),
        h("ul", { class: "more-list" }, items.map((d) => h("li", {},
            navLink(d.view, { "data-testid": "more-" + d.view }, d.count ? `more-${d.view}-count` : "")))));
}
