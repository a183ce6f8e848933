// @ts-check
// The detail view (being built).
import { h } from "../ui/dom.js";

/**
 * render draws the view into main.
 * @param {HTMLElement} main
 * @param {Record<string, string>} params
 * @param {any} ctx
 */
export async function render(main, params, ctx) {
    main.replaceChildren(h("h1", {}, ctx.t("nav.detail")));
}
