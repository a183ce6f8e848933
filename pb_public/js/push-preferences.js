// @ts-check
// What a person wants to hear about (notificationPreferences, theirs alone): new messages,
// replies, moderators' decisions, and events or offers published near a point they pick on
// the map (never their home unless they put it there), within a radius and categories. The
// point is sent only with their consent; without it the server keeps none.
import { h, showError } from "./ui/dom.js";
import { call, currentUser } from "./api.js";
import { views } from "./db.js";
import { locale } from "./i18n.js";
import { PinMap, categoryChips, checkedCategories } from "./pickers.js";

const PREFERENCES = "/api/collections/notificationPreferences/records";
const RADII = [0.5, 1, 2, 5, 10, 20];
const KINDS = ["messages", "replies", "decisions"];

/**
 * preferencesForm loads the person's choices (the defaults when they never chose) and returns
 * the form that saves them; offline, a notice instead.
 * @param {any} ctx
 */
export async function preferencesForm(ctx) {
    /** @type {any} */
    let saved = null;
    try {
        saved = (await call("GET", PREFERENCES + "?perPage=1&skipTotal=1")).items[0] || null;
    } catch (err) {
        return h("p", { class: "notice", "data-testid": "push-prefs-offline" }, explain(err, ctx));
    }
    const prefs = saved || { messages: true, replies: true, decisions: true, near: [], nearRadius: 1, nearCategories: [] };
    const categories = ctx.db ? await views(ctx.db, "categories").catch(() => []) : [];
    const pin = new PinMap(prefs.nearConsent ? prefs.nearPoint : null, ctx.sync?.config || { tileUrl: "", tileAttribution: "" },
        undefined, { label: ctx.t("push.point") });
    const form = /** @type {HTMLFormElement} */ (h("form", { "data-testid": "push-prefs" },
        h("fieldset", {}, h("legend", {}, ctx.t("push.what")), KINDS.map((k) => check(k, ctx.t("push." + k), prefs[k]))),
        nearFieldset(ctx, prefs, pin, categories),
        h("p", { id: "push-prefs-result", role: "alert" }),
        h("button", { type: "submit", "data-testid": "push-prefs-save" }, ctx.t("push.save"))));
    form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        save(form, pin, ctx, saved).then((rec) => { saved = rec || saved; });
    });
    requestAnimationFrame(() => pin.start()); // Leaflet needs the map in the page
    return form;
}

/**
 * nearFieldset draws the "near a point" choices: kinds, radius, the point and the consent.
 * @param {any} ctx
 * @param {any} prefs
 * @param {PinMap} pin
 * @param {any[]} categories
 */
function nearFieldset(ctx, prefs, pin, categories) {
    const near = prefs.near || [];
    const radius = h("select", { name: "nearRadius" }, RADII.map((km) =>
        h("option", { value: String(km), selected: Number(prefs.nearRadius || 1) === km }, ctx.t("push.radiusKm", { km }))));
    return h("fieldset", { "data-testid": "push-near" }, h("legend", {}, ctx.t("push.near")),
        check("nearEvents", ctx.t("push.nearEvents"), near.includes("events")),
        check("nearOffers", ctx.t("push.nearOffers"), near.includes("offers")),
        h("div", { class: "field" }, h("label", { for: "push-nearRadius" }, ctx.t("push.radius")), Object.assign(radius, { id: "push-nearRadius" }),
            h("p", { id: "push-nearRadius-error", class: "field-error", hidden: true })),
        h("div", { class: "field", id: "push-nearPoint" }, h("p", {}, ctx.t("push.point")), pin.el,
            h("p", { id: "push-nearPoint-error", class: "field-error", hidden: true })),
        h("div", { class: "field" }, check("nearConsent", ctx.t("push.consent"), Boolean(prefs.nearConsent)),
            h("p", { id: "push-nearConsent-error", class: "field-error", hidden: true })),
        h("div", {}, h("p", {}, ctx.t("push.categories")),
            categoryChips(categories, prefs.nearCategories || [], { t: ctx.t, locale: locale(), topOnly: true })));
}

/**
 * check is a labelled checkbox named name.
 * @param {string} name
 * @param {string} label
 * @param {boolean} checked
 */
function check(name, label, checked) {
    return h("label", { class: "check" },
        h("input", { type: "checkbox", name, id: "push-" + name, checked: Boolean(checked), "data-testid": "push-" + name }), " ", label);
}

/**
 * save sends the choices (creating the record the first time) and shows the server's field
 * errors beside their fields; it returns the saved record, or null.
 * @param {HTMLFormElement} form
 * @param {PinMap} pin
 * @param {any} ctx
 * @param {any} saved
 */
async function save(form, pin, ctx, saved) {
    const result = /** @type {HTMLElement} */ (form.querySelector("#push-prefs-result"));
    const body = read(form, pin);
    for (const f of ["nearRadius", "nearPoint", "nearConsent"]) {
        showError(form, "push-" + f, "");
    }
    try {
        const rec = saved ? await call("PATCH", PREFERENCES + "/" + saved.id, body)
            : await call("POST", PREFERENCES, { ...body, user: currentUser()?.id });
        result.className = "";
        result.textContent = ctx.t("push.saved");
        return rec;
    } catch (err) {
        for (const [f, v] of Object.entries(/** @type {any} */ (err)?.body?.data || {})) {
            showError(form, "push-" + f, /** @type {any} */ (v)?.message || "");
        }
        result.className = "field-error";
        result.textContent = explain(err, ctx);
        return null;
    }
}

/**
 * read collects the form's choices; the point only goes with the consent.
 * @param {HTMLFormElement} form
 * @param {PinMap} pin
 */
function read(form, pin) {
    const on = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).checked;
    const consent = on("nearConsent");
    return {
        messages: on("messages"), replies: on("replies"), decisions: on("decisions"),
        near: [on("nearEvents") ? "events" : "", on("nearOffers") ? "offers" : ""].filter(Boolean),
        nearRadius: Number(/** @type {HTMLSelectElement} */ (form.elements.namedItem("nearRadius")).value),
        nearConsent: consent,
        nearPoint: consent && pin.value ? pin.value : null,
        nearCategories: checkedCategories(form),
    };
}

/**
 * explain turns a failure into a sentence for people.
 * @param {any} err
 * @param {any} ctx
 */
export function explain(err, ctx) {
    if (err?.status === 0 || err?.message === "offline") {
        return ctx.t("push.offline");
    }
    const data = err?.body?.data || {};
    const first = Object.values(data).find((v) => v && typeof v === "object" && "message" in v);
    return ctx.t("push.failed", { message: /** @type {any} */ (first)?.message || err?.body?.message || err?.message || "?" });
}
