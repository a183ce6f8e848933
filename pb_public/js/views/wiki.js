// @ts-check
// The knowledge wiki: the pages' list with a search (#/wiki?q=…), a page (#/wiki/<slug-or-id>)
// drawn from its Markdown with its images and the records it is about, and the form that
// writes one (#/wiki/new, #/wiki/<key>/edit; #/wiki/new?initiatives=ID links it at once).
// Everything reads IndexedDB and writes through the outbox, so it works offline.
import { categories, records, titleOf } from "../data.js";
import { locale } from "../i18n.js";
import { blobURL } from "../media.js";
import { findPage, imageName, pageKey, searchPages } from "../wiki.js";
import { render as markdown } from "../wiki-markdown.js";
import { h } from "../ui/dom.js";
import { focusHeading, href } from "../ui/router.js";
import { historyFor } from "../history.js";
import { canEdit } from "../suggest.js";
import { moderationPanel } from "../report.js";
import { editForm } from "./wiki-edit.js";

/**
 * render draws the list, a page or the form.
 * @param {HTMLElement} main
 * @param {Record<string, string>} params
 * @param {any} ctx
 */
export async function render(main, params, ctx) {
    if (params.id === "new" || params.edit === "edit") {
        await editForm(main, params.id === "new" ? "" : params.id, params, ctx);
        return undefined; // a form being typed is never redrawn under the fingers
    }
    const draw = async () => {
        const headingFocused = document.activeElement === main.querySelector("h1");
        await (params.id ? page(main, params.id, ctx) : list(main, params, ctx));
        if (headingFocused) {
            focusHeading(main);
        }
    };
    await draw();
    return ctx.onData((/** @type {string[]} */ what) => {
        return what.some((c) => c === "*" || c === "pages") ? draw() : undefined;
    });
}

/**
 * list draws the pages matching the search, with the search box.
 * @param {HTMLElement} main
 * @param {Record<string, string>} params
 * @param {any} ctx
 */
async function list(main, params, ctx) {
    const t = ctx.t;
    const pages = await records(ctx.db, "pages");
    const q = params.q || "";
    const shown = searchPages(pages, q);
    const input = h("input", { type: "search", id: "wiki-q", name: "q", value: q, "data-testid": "wiki-search",
        placeholder: t("wiki.searchHint") });
    const form = h("form", { role: "search", class: "toolbar", onsubmit: (/** @type {Event} */ ev) => {
        ev.preventDefault();
        const v = /** @type {HTMLInputElement} */ (input).value.trim();
        ctx.navigate("#/wiki" + (v ? "?q=" + encodeURIComponent(v) : ""));
    } }, h("label", { for: "wiki-q", class: "visually-hidden" }, t("wiki.search")), input,
    h("button", { type: "submit" }, t("wiki.search")),
    ctx.user() ? h("a", { class: "button", href: "#/wiki/new", "data-testid": "wiki-new" }, t("wiki.new")) : null);
    main.replaceChildren(h("h1", {}, t("wiki.title")), h("p", { class: "meta" }, t("wiki.intro")), form,
        shown.length ? h("ul", { class: "wiki-list", "data-testid": "wiki-pages" }, shown.map((p) =>
            h("li", { "data-testid": "wiki-page-item", "data-id": p.id }, h("a", { href: href("wiki", pageKey(p)) }, p.title),
                p.summary ? h("p", { class: "meta" }, p.summary) : null,
                p.status === "pending" ? h("span", { class: "chip pending" }, t("detail.pending")) : null)))
            : h("p", { class: "notice", "data-testid": "wiki-empty" }, t(q ? "wiki.noMatch" : "wiki.empty")));
}

/**
 * page draws one page.
 * @param {HTMLElement} main
 * @param {string} key
 * @param {any} ctx
 */
async function page(main, key, ctx) {
    const t = ctx.t;
    const p = findPage(await records(ctx.db, "pages"), key);
    if (!p) {
        main.replaceChildren(h("h1", {}, t("wiki.title")), h("p", { class: "notice", "data-testid": "wiki-not-found" }, t("wiki.notFound")),
            h("a", { href: "#/wiki", class: "button secondary" }, t("wiki.back")));
        return;
    }
    const sources = await imageSources(ctx.db, p);
    const images = Object.keys(sources);
    const linked = await about(ctx, p); // before the images exist: no await between them and whenOffline
    const body = markdown(document, p.body, { imageSrc: (ref) => sources[imageName(images, ref)] || "" });
    const me = ctx.user();
    // Only those the update rule lets edit see the button (the same rule as the map's content).
    const article = h("article", { class: "detail wiki-page", "data-testid": "wiki-page", "data-id": p.id },
        h("p", { class: "meta" }, h("a", { href: "#/wiki" }, t("wiki.back"))),
        h("h1", { "data-testid": "wiki-page-title" }, p.title),
        p.summary ? h("p", { class: "lead" }, p.summary) : null,
        status(p, t),
        body,
        gallery(p, sources, images, body, t),
        linked,
        p.created ? historyFor("pages", p, ctx) : null,
        p.created ? moderationPanel("pages", p, ctx) : null,
        canEdit(p, me) ? h("p", {}, h("a", { class: "button secondary", href: href("wiki", pageKey(p), "edit"), "data-testid": "wiki-edit" }, t("wiki.edit"))) : null);
    whenOffline(article, t);
    main.replaceChildren(article);
}

/**
 * whenOffline replaces an image that cannot load (a synced image, with no network) by its
 * description and a note that it shows online.
 * @param {HTMLElement} article
 * @param {(k: string, p?: any) => string} t
 */
function whenOffline(article, t) {
    for (const img of article.querySelectorAll("img")) {
        img.addEventListener("error", () => img.replaceWith(h("span", { class: "meta" },
            `[${img.getAttribute("alt") || ""}] ` + t("detail.photoOffline"))), { once: true });
    }
}

/**
 * status shows whether the page waits for moderation or for the network.
 * @param {Record<string, any>} p
 * @param {(k: string, p?: any) => string} t
 */
function status(p, t) {
    if (!p.created) {
        return h("p", { class: "chip pending", "data-testid": "wiki-unsent" }, t("discussions.unsent"));
    }
    return p.status === "pending" ? h("p", { class: "chip pending" }, t("detail.pending")) : null;
}

/**
 * imageSources maps each of the page's images to an address: the device's copy of a photo not
 * sent yet, the server's thumbnail otherwise.
 * @param {IDBDatabase} db
 * @param {Record<string, any>} p
 * @returns {Promise<Record<string, string>>}
 */
async function imageSources(db, p) {
    /** @type {Record<string, string>} */
    const out = {};
    for (const name of p.images || []) {
        out[name] = (await blobURL(db, name)) ||
            `/api/files/pages/${encodeURIComponent(p.id)}/${encodeURIComponent(name)}?thumb=1200x0`;
    }
    return out;
}

/**
 * gallery shows the images the text does not show itself.
 * @param {Record<string, any>} p
 * @param {Record<string, string>} sources
 * @param {string[]} images
 * @param {HTMLElement} body
 * @param {(k: string, p?: any) => string} t
 */
function gallery(p, sources, images, body, t) {
    const inText = new Set(Array.from(body.querySelectorAll("img"), (img) => img.getAttribute("src")));
    const rest = images.filter((n) => !inText.has(sources[n]));
    if (!rest.length) {
        return null;
    }
    return h("section", { class: "photos" }, h("h2", {}, t("wiki.images")), rest.map((n, i) =>
        h("img", { src: sources[n], alt: t("wiki.imageAlt", { title: p.title, n: i + 1 }) })));
}

/**
 * about lists the categories, initiatives and organisations the page is about, those the
 * device holds.
 * @param {any} ctx
 * @param {Record<string, any>} p
 */
async function about(ctx, p) {
    const cats = await categories(ctx.db);
    const links = [];
    for (const c of ["initiatives", "organisations"]) {
        const byId = new Map((await records(ctx.db, c)).map((r) => [r.id, r]));
        for (const id of p[c] || []) {
            const r = byId.get(id);
            if (r) {
                links.push(h("li", {}, h("a", { href: href("i", c, id), "data-testid": "wiki-link" }, titleOf(r))));
            }
        }
    }
    const chips = (p.categories || []).map((/** @type {string} */ id) => cats.get(id)).filter(Boolean)
        .map((/** @type {any} */ cat) => h("a", { class: "chip", href: "#/list?cat=" + encodeURIComponent(cat.id) }, cat.name));
    if (!links.length && !chips.length) {
        return null;
    }
    return h("section", { class: "wiki-about", lang: locale() }, h("h2", {}, ctx.t("wiki.about")),
        chips.length ? h("p", { class: "cats" }, chips) : null, links.length ? h("ul", {}, links) : null);
}
