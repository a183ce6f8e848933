// @ts-check
// The wiki's form: a new page or an edit of one, written to the device and queued in the
// outbox (offline too); only the changed fields of an edit are sent, so that two people's
// edits of different paragraphs merge on the server. A new page may start linked to the
// initiative or organisation it was written from (#/wiki/new?initiatives=ID).
import { categories, invalidate, records } from "../data.js";
import { locale } from "../i18n.js";
import { keepPhoto } from "../media.js";
import { enqueue, newId } from "../outbox.js";
import { categoryChips, checkedCategories, photoInput } from "../pickers.js";
import { findPage, pageKey } from "../wiki.js";
import { announce, field, h, showError } from "../ui/dom.js";
import { href } from "../ui/router.js";
import { views } from "../db.js";

/** TEXT_FIELDS are the page's text fields the form edits. */
const TEXT_FIELDS = ["title", "summary", "body", "visibility", "community"];

/**
 * editForm draws the form of the page key ("" for a new page).
 * @param {HTMLElement} main
 * @param {string} key
 * @param {Record<string, string>} params
 * @param {any} ctx
 */
export async function editForm(main, key, params, ctx) {
    const t = ctx.t;
    if (!ctx.user()) {
        main.replaceChildren(h("h1", {}, t("wiki.new")), h("p", { class: "notice" }, h("a", { href: "#/account" }, t("wiki.signIn"))));
        return;
    }
    const original = key ? findPage(await records(ctx.db, "pages"), key) : null;
    if (key && !original) {
        main.replaceChildren(h("h1", {}, t("wiki.title")), h("p", { class: "notice" }, t("wiki.notFound")));
        return;
    }
    const start = original || { id: newId(), title: "", summary: "", body: "", visibility: "public", community: "",
        categories: [], initiatives: params.initiatives ? [params.initiatives] : [],
        organisations: params.organisations ? [params.organisations] : [] };
    const form = await buildForm(ctx, start);
    form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        save(ctx, form, start, !original);
    });
    main.replaceChildren(h("h1", {}, t(original ? "wiki.editTitle" : "wiki.new")), form);
}

/**
 * buildForm draws the form's fields filled with page's values.
 * @param {any} ctx
 * @param {Record<string, any>} page
 */
async function buildForm(ctx, page) {
    const t = ctx.t;
    const me = ctx.user().id;
    const mine = new Set((await records(ctx.db, "memberships")).filter((m) => m.user === me).map((m) => m.community));
    const groups = (await records(ctx.db, "communities")).filter((c) => mine.has(c.id));
    const cats = await views(ctx.db, "categories");
    const input = (/** @type {string} */ name, /** @type {Record<string, any>} */ attrs) =>
        h(attrs.rows ? "textarea" : "input", { name, "data-testid": "wiki-field-" + name, ...attrs }, attrs.rows ? page[name] || "" : null);
    const visibility = h("select", { name: "visibility", "data-testid": "wiki-field-visibility" },
        ["public", "community", "private"].map((v) => h("option", { value: v, selected: page.visibility === v }, t("wiki.visibility." + v))));
    const community = h("select", { name: "community" }, h("option", { value: "" }, t("wiki.noCommunity")),
        groups.map((g) => h("option", { value: g.id, selected: page.community === g.id }, g.name)));
    const title = input("title", { maxlength: 200, required: true, value: page.title || "" });
    return h("form", { class: "wiki-form", novalidate: true, "data-testid": "wiki-form" },
        field("wiki-title", t("wiki.fieldTitle"), title),
        field("wiki-summary", t("wiki.fieldSummary"), input("summary", { maxlength: 500, value: page.summary || "" })),
        field("wiki-body", t("wiki.fieldBody"), input("body", { rows: 14, maxlength: 100000 })),
        h("p", { class: "meta" }, t("wiki.hint")),
        categoryChips(cats, page.categories || [], { t, locale: locale(), topOnly: false }),
        field("wiki-visibility", t("wiki.fieldVisibility"), visibility),
        field("wiki-community", t("wiki.fieldCommunity"), community),
        photoInput(t("wiki.fieldImage")).box,
        h("button", { type: "submit", "data-testid": "wiki-save" }, t("wiki.save")));
}

/**
 * save writes the page (and a new image) to the device, queues it and opens the page.
 * @param {any} ctx
 * @param {HTMLFormElement} form
 * @param {Record<string, any>} start
 * @param {boolean} isNew
 */
async function save(ctx, form, start, isNew) {
    const values = readForm(form);
    showError(form, "wiki-title", values.title ? "" : ctx.t("wiki.titleRequired"));
    if (!values.title) {
        return;
    }
    const file = /** @type {HTMLInputElement|null} */ (form.querySelector('input[type="file"]'))?.files?.[0];
    const photoId = file ? await keepPhoto(ctx.db, file, { c: "pages", id: start.id }) : "";
    const fields = isNew ? { ...values, initiatives: start.initiatives, organisations: start.organisations, author: ctx.user().id }
        : changed(start, values);
    if (photoId) {
        fields.images = [...(start.images || []), photoId];
    }
    if (Object.keys(fields).length > 0) {
        await enqueue(ctx.db, { c: "pages", id: start.id, op: isNew ? "create" : "update", fields, blobs: photoId ? [photoId] : [] });
        invalidate(ctx.db, ["pages"]);
        ctx.sync.request();
    }
    announce(ctx.t("form.saved"));
    ctx.navigate(href("wiki", isNew ? start.id : pageKey(start)));
}

/**
 * readForm reads the form's values.
 * @param {HTMLFormElement} form
 * @returns {Record<string, any>}
 */
function readForm(form) {
    const data = new FormData(form);
    /** @type {Record<string, any>} */
    const values = Object.fromEntries(TEXT_FIELDS.map((f) => [f, String(data.get(f) || "").trim()]));
    values.body = String(data.get("body") || ""); // kept as typed: the merge works on lines
    values.categories = checkedCategories(form);
    if (values.visibility === "community" || !values.community) {
        return values;
    }
    values.visibility = "community"; // a page of a community is for its members
    return values;
}

/**
 * changed returns the values that differ from the page's.
 * @param {Record<string, any>} page
 * @param {Record<string, any>} values
 */
function changed(page, values) {
    /** @type {Record<string, any>} */
    const out = {};
    for (const [k, v] of Object.entries(values)) {
        const before = page[k] ?? (Array.isArray(v) ? [] : "");
        if (JSON.stringify(before) !== JSON.stringify(v)) {
            out[k] = v;
        }
    }
    return out;
}
