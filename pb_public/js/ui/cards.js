// @ts-check
// One record as a card in a list (list, directory, offers, agenda share it).
import { locale } from "../i18n.js";
import { titleOf } from "../data.js";
import { h, localDate } from "./dom.js";
import { href } from "./router.js";

/**
 * card draws a record of collection c as a list item linking to its page.
 * @param {string} c
 * @param {Record<string, any>} row
 * @param {Map<string, import("../data.js").Category>} cats
 * @param {(k: string, p?: any) => string} t
 * @param {...any} extra more nodes at the end of the card
 */
export function card(c, row, cats, t, ...extra) {
    const names = (row.categories || []).map((/** @type {string} */ id) => cats.get(id)).filter(Boolean);
    return h("li", { class: "card", "data-testid": "list-item", "data-collection": c, "data-id": row.id },
        h("a", { class: "title", href: href("i", c, row.id) }, titleOf(row)),
        h("p", { class: "meta" }, h("span", { class: "chip kind" }, c === "offers" ? t(row.kind === "need" ? "offers.need" : "offers.offer") : t("kind." + c)), summary(c, row, t),
            row.status === "pending" ? h("span", { class: "chip pending" }, t("detail.pending")) : null),
        names.length ? h("p", { class: "cats" }, names.map((cat) =>
            h("span", { class: "chip" }, h("span", { class: "swatch", style: `background:${cat.color}`, "aria-hidden": "true" }), cat.name))) : null,
        ...extra);
}

/**
 * summary is the one line under a card's title: where, when or how.
 * @param {string} c
 * @param {Record<string, any>} row
 * @param {(k: string, p?: any) => string} t
 */
function summary(c, row, t) {
    if (c === "events") {
        return " " + localDate(row.start, locale(), Boolean(row.allDay)) + (row.place ? " · " + row.place : "");
    }
    if (c === "offers") {
        return " " + t("mode." + row.mode) + (row.price ? ` · ${row.price} €` : "");
    }
    return row.address ? " " + row.address : "";
}
