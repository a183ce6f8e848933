// @ts-check
// The offers and needs board, by mode (sale, rental, barter, local currency, gift, loan,
// service): chips pick the mode and offers or needs; each mode is a section.
import { categories, records } from "../data.js";
import { h } from "../ui/dom.js";
import { card } from "../ui/cards.js";

export const MODES = ["sale", "rental", "barter", "localCurrency", "gift", "loan", "service"];

/**
 * render draws the board for params.mode ("" = every mode) and params.kind (offer, need, "").
 * @param {HTMLElement} main
 * @param {Record<string, string>} params
 * @param {any} ctx
 */
export async function render(main, params, ctx) {
    const t = ctx.t;
    const mode = MODES.includes(params.mode) ? params.mode : "";
    const kind = ["offer", "need"].includes(params.kind) ? params.kind : "";
    const [all, cats] = await Promise.all([records(ctx.db, "offers"), categories(ctx.db)]);
    const shown = all.filter((o) => (!kind || o.kind === kind) && !["done", "withdrawn", "expired"].includes(o.state));
    const link = (/** @type {string} */ m, /** @type {string} */ k, /** @type {string} */ label, /** @type {boolean} */ on, /** @type {string} */ id) =>
        h("a", { class: "button", href: "#/offers?" + new URLSearchParams({ mode: m, kind: k }), "aria-current": on ? "true" : null, "data-testid": id }, label);
    main.replaceChildren(h("h1", {}, t("offers.title")),
        h("nav", { class: "tabs", "aria-label": t("detail.mode") },
            link("", kind, t("offers.all"), !mode, "offers-mode-all"),
            MODES.map((m) => link(m, kind, `${t("mode." + m)} (${shown.filter((o) => o.mode === m).length})`, m === mode, "offers-mode-" + m))),
        h("nav", { class: "tabs", "aria-label": t("list.kind") },
            link(mode, "", t("offers.both"), !kind, "offers-kind-all"),
            link(mode, "offer", t("offers.offers"), kind === "offer", "offers-kind-offer"),
            link(mode, "need", t("offers.needs"), kind === "need", "offers-kind-need")),
        ...(mode ? [mode] : MODES).map((m) => section(m, shown.filter((o) => o.mode === m), cats, t)));
}

/**
 * section lists the offers of one mode (nothing when empty).
 * @param {string} m
 * @param {Array<Record<string, any>>} list
 * @param {Map<string, import("../data.js").Category>} cats
 * @param {(k: string, p?: any) => string} t
 */
function section(m, list, cats, t) {
    return h("section", { class: "mode", "data-testid": "offers-section-" + m },
        h("h2", {}, t("mode." + m), " ", h("span", { class: "meta" }, `(${list.length})`)),
        list.length ? h("ul", { class: "cards" }, list.map((o) => card("offers", o, cats, t))) : h("p", { class: "meta" }, t("offers.none")));
}
