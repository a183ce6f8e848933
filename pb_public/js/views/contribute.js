// @ts-check
// Contribute: create (#/contribute/{collection}) and edit (#/edit/{collection}/{id}) an
// initiative, event, offer or organisation. The change is saved to the outbox (online or not);
// when the server rejects it, its field errors are shown beside the fields
// (#/contribute/{collection}?fix={mseq} reopens a rejected contribution).
import { h, announce } from "../ui/dom.js";
import { row, views, req } from "../db.js";
import { communes } from "../data.js";
import { currentUser } from "../api.js";
import { locale } from "../i18n.js";
import { enqueue, newId } from "../outbox.js";
import { keepPhoto } from "../media.js";
import { COLLECTIONS, FORMS, buildFields, changeOf, readPlain, showErrors, validate } from "../forms.js";
import { PinMap, categoryChips, checkedCategories, photoInput, watchGps } from "../pickers.js";

/** How long the form waits for the server's answer before saying "saved on the device". */
const VERDICT_WAIT_MS = 8000;

/**
 * render draws the menu, a new form or an edit form.
 * @param {HTMLElement} main
 * @param {Record<string, string>} params
 * @param {any} ctx
 */
export async function render(main, params, ctx) {
    const user = currentUser();
    if (!user) {
        main.replaceChildren(h("h1", {}, ctx.t("contribute.title")),
            h("p", {}, ctx.t("contribute.signIn")), h("a", { class: "button", href: "#/account" }, ctx.t("account.signIn")));
        return;
    }
    const c = params.collection;
    if (!c) {
        return renderMenu(main, ctx, user);
    }
    if (!FORMS[c]) {
        main.replaceChildren(h("h1", {}, ctx.t("contribute.title")), h("p", { class: "notice" }, ctx.t("contribute.unknown")));
        return;
    }
    return renderForm(main, ctx, user, c, params);
}

/**
 * renderMenu lists what can be contributed.
 * @param {HTMLElement} main
 * @param {any} ctx
 * @param {any} user
 */
function renderMenu(main, ctx, user) {
    const what = { initiatives: "initiative", events: "event", offers: "offer", organisations: "organisation" };
    const items = COLLECTIONS.map((c) => h("li", {}, h("a", { class: "button secondary", href: "#/contribute/" + c, "data-testid": "new-" + c },
        ctx.t("contribute.new", { what: ctx.t("contribute." + what[/** @type {keyof typeof what} */ (c)]) }))));
    const carto = ["facilitator", "moderator"].includes(user.role)
        ? h("li", {}, h("a", { class: "button", href: "#/cartoparty", "data-testid": "open-cartoparty" }, ctx.t("contribute.cartoparty")))
        : null;
    main.replaceChildren(h("h1", {}, ctx.t("contribute.title")), h("ul", { class: "cards" }, items, carto));
}

/**
 * renderForm draws the form of collection c, filled from the record (edit), from a rejected
 * contribution (fix) or empty (new).
 * @param {HTMLElement} main
 * @param {any} ctx
 * @param {any} user
 * @param {string} c
 * @param {Record<string, string>} params
 */
async function renderForm(main, ctx, user, c, params) {
    const db = ctx.db;
    const specs = FORMS[c];
    const start = await startingPoint(db, c, params);
    if (!start) {
        main.replaceChildren(h("h1", {}, ctx.t("contribute.title")), h("p", { class: "notice" }, ctx.t("detail.notFound")));
        return;
    }
    const what = ctx.t("contribute." + c.replace(/s$/, ""));
    const heading = ctx.t(start.editing ? "contribute.edit" : "contribute.new", { what });
    const outlines = (await communes(db)).map((town) => town.boundary).filter(Boolean);
    const pin = new PinMap(start.values.geo || null, ctx.sync.config, undefined, { outlines, label: ctx.t("form.mapLabel") });
    const photo = photoInput(ctx.t("form.photo"));
    const categories = await views(db, "categories");
    const special = (/** @type {any} */ s, /** @type {any} */ v) => specialControl(s, v, { ctx, pin, photo, categories });
    const summary = h("div", { role: "alert", "data-testid": "form-summary" });
    const form = /** @type {HTMLFormElement} */ (h("form", { novalidate: true, "data-testid": "contribute-form" },
        buildFields(specs, start.values, ctx.t, special), summary,
        h("div", { class: "toolbar" }, h("button", { type: "submit", "data-testid": "save" }, ctx.t("form.save")),
            h("a", { class: "button secondary", href: start.editing ? `#/i/${c}/${start.id}` : "#/contribute" }, ctx.t("form.cancel")))));
    form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        save({ ctx, user, c, form, specs, start, pin, photo, summary, main }).catch((err) => {
            summary.replaceChildren(h("p", { class: "field-error" }, ctx.t("common.error", { message: err.message })));
        });
    });
    main.replaceChildren(h("h1", { tabindex: "-1" }, heading), form);
    pin.start();
    if (start.errors) {
        const rest = Object.values(showErrors(form, specs, start.errors, ctx.t)).filter(Boolean);
        if (rest.length > 0) {
            summary.replaceChildren(h("p", { class: "field-error" }, ctx.t("outbox.reason", { message: rest.join(" ") })));
        }
    }
    return () => pin.stop();
}

/**
 * startingPoint finds the record id and values the form starts from; null when an edited
 * record is not on this device.
 * @param {IDBDatabase} db
 * @param {string} c
 * @param {Record<string, string>} params
 * @returns {Promise<{id: string, editing: boolean, values: Record<string, any>, original: Record<string, any>, errors?: Record<string, string>}|null>}
 */
async function startingPoint(db, c, params) {
    if (params.id) {
        const r = await row(db, c, params.id);
        return r && r.view ? { id: params.id, editing: true, values: r.view, original: r.view } : null;
    }
    if (params.fix) {
        const m = await req(db.transaction("journal").objectStore("journal").get(Number(params.fix)));
        if (m && m.c === c) {
            const r = await row(db, c, m.id);
            const editing = Boolean(r && r.view);
            const errors = m.result?.fieldErrors || (m.result?.message ? { "": m.result.message } : {});
            return { id: m.id, editing, values: { ...(r?.view || {}), ...m.fields }, original: r?.view || {}, errors };
        }
    }
    return { id: newId(), editing: false, values: { visibility: "public" }, original: {} };
}

/**
 * specialControl draws the categories, the pin map and the photo input.
 * @param {any} s
 * @param {any} v
 * @param {{ctx: any, pin: PinMap, photo: ReturnType<typeof photoInput>, categories: any[]}} parts
 */
function specialControl(s, v, parts) {
    const { ctx, pin, photo, categories } = parts;
    if (s.type === "categories") {
        return categoryChips(categories, Array.isArray(v) ? v : [], { t: ctx.t, locale: locale() });
    }
    if (s.type === "photos") {
        return photo.box;
    }
    if (s.type !== "geo") {
        return null;
    }
    const gps = h("button", { type: "button", class: "secondary", "data-testid": "use-gps" }, ctx.t("form.useGps"));
    gps.addEventListener("click", () => {
        const stop = watchGps((fix) => {
            stop();
            if (fix) {
                pin.set(fix, true);
            } else {
                announce(ctx.t("carto.gpsDenied"));
            }
        });
    });
    return h("fieldset", { class: "field", id: "f-geo", tabindex: "-1", "aria-describedby": "f-geo-error" },
        h("legend", {}, ctx.t("form.geo")), h("p", { class: "meta" }, ctx.t("carto.dragPin")), pin.el, gps,
        h("p", { id: "f-geo-error", class: "field-error", hidden: true }));
}

/**
 * save checks the form, writes the photo and the change to the device, asks for a sync and,
 * once the server answered, shows its field errors or what happened.
 * @param {{ctx: any, user: any, c: string, form: HTMLFormElement, specs: any[], start: any,
 *   pin: PinMap, photo: any, summary: HTMLElement, main: HTMLElement}} f
 */
async function save(f) {
    const { ctx, c, form, specs, start } = f;
    const values = { ...readPlain(form, specs), categories: checkedCategories(form) };
    if (f.pin.value) {
        values.geo = f.pin.value;
    }
    const errors = validate(specs, values);
    f.summary.replaceChildren();
    if (Object.keys(errors).length > 0) {
        showErrors(form, specs, errors, ctx.t);
        return;
    }
    const file = f.photo.input.files?.[0];
    const photoId = file ? await keepPhoto(ctx.db, file, { c, id: start.id }) : "";
    const m = await enqueue(ctx.db, changeOf(f, values, photoId));
    announce(ctx.t("form.saved"));
    // Wait a little for the server's verdict (field errors), never for a slow network.
    await Promise.race([ctx.sync.request(), new Promise((resolve) => setTimeout(resolve, VERDICT_WAIT_MS))]);
    await afterSave(f, m.mseq);
}

/**
 * afterSave shows the server's verdict when it already came back (field errors beside their
 * fields), or that the change waits on the device.
 * @param {{ctx: any, c: string, form: HTMLFormElement, specs: any[], start: any, summary: HTMLElement, main: HTMLElement}} f
 * @param {number} mseq
 */
async function afterSave(f, mseq) {
    const { ctx, c, start } = f;
    const done = await req(ctx.db.transaction("journal").objectStore("journal").get(mseq));
    if (done && done.state === "rejected") {
        const rest = showErrors(f.form, f.specs, done.result?.fieldErrors || {}, ctx.t);
        const reason = done.result?.message || Object.values(rest).join(" ");
        f.summary.replaceChildren(h("p", { class: "field-error", "data-testid": "rejected" }, ctx.t("outbox.reason", { message: reason })));
        start.editing = Boolean(await row(ctx.db, c, start.id));
        return;
    }
    const key = done ? "form.sent" : "form.saved";
    f.main.replaceChildren(h("h1", { tabindex: "-1" }, ctx.t(key)),
        h("p", { class: "ok", role: "status", "data-testid": "saved" }, ctx.t(key)),
        h("ul", { class: "toolbar" },
            h("li", {}, h("a", { class: "button", href: `#/i/${c}/${start.id}` }, ctx.t("form.seeIt"))),
            h("li", {}, h("a", { class: "button secondary", href: "#/outbox" }, ctx.t("outbox.title"))),
            h("li", {}, h("a", { class: "button secondary", href: "#/contribute" }, ctx.t("form.another")))));
    /** @type {HTMLElement} */ (f.main.querySelector("h1")).focus();
}
