// @ts-check
// The wiki's section of an initiative's or organisation's page (js/views/detail.js): the
// pages about it held on the device, and a link to write one already linked to it.
import { records } from "./data.js";
import { pageKey, pagesAbout } from "./wiki.js";
import { h } from "./ui/dom.js";
import { href } from "./ui/router.js";

/** LINKED are the collections a page may be about, besides categories. */
const LINKED = ["initiatives", "organisations"];

/**
 * wikiFor draws the pages about record rec of collection c, or nothing for other collections
 * (and for a visitor when there is no page to show).
 * @param {string} c
 * @param {Record<string, any>} rec
 * @param {any} ctx
 * @returns {Promise<HTMLElement|null>}
 */
export async function wikiFor(c, rec, ctx) {
    if (!LINKED.includes(c)) {
        return null;
    }
    const pages = pagesAbout(await records(ctx.db, "pages"), c, rec.id);
    if (!pages.length && !ctx.user()) {
        return null;
    }
    const write = ctx.user() ? h("a", { class: "button secondary", "data-testid": "wiki-write-about",
        href: `#/wiki/new?${c}=${encodeURIComponent(rec.id)}` }, ctx.t("wiki.writeAbout")) : null;
    return h("section", { class: "wiki-about", "data-testid": "wiki-about" }, h("h2", {}, ctx.t("wiki.pagesAbout")),
        pages.length ? h("ul", {}, pages.map((p) => h("li", {}, h("a", { href: href("wiki", pageKey(p)) }, p.title)))) : null,
        write);
}
