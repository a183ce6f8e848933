// @ts-check
// Cartoparty mode (#/cartoparty), for facilitators mapping initiatives in the street with no
// network: the GPS fix and its accuracy, a pin to drag, a photo from the camera (resized on
// the device), category chips, a name and one line. Photo, chip, save: three taps, and the
// next one is ready. A similar name within 50 m in the local data is pointed out.
import { h, announce } from "../ui/dom.js";
import { views } from "../db.js";
import { communes } from "../data.js";
import { currentUser } from "../api.js";
import { locale } from "../i18n.js";
import { enqueue, newId } from "../outbox.js";
import { keepPhoto } from "../media.js";
import { similarNearby } from "../geo.js";
import { PinMap, categoryChips, checkedCategories, gpsAllowed, photoInput, watchGps } from "../pickers.js";

/** How close (metres) a same-named place must be to be pointed out. */
const NEAR_M = 50;

/**
 * render draws the cartoparty form; it returns the function that stops the GPS and the map.
 * @param {HTMLElement} main
 * @param {Record<string, string>} params
 * @param {any} ctx
 */
export async function render(main, params, ctx) {
    const user = currentUser();
    if (!user || !["facilitator", "moderator"].includes(user.role)) {
        main.replaceChildren(h("div", {}, h("h1", {}, ctx.t("carto.title")), h("p", { class: "notice" }, ctx.t("carto.facilitatorOnly")),
            user ? null : h("a", { class: "button", href: "#/account" }, ctx.t("account.signIn"))));
        return;
    }
    const s = await setup(ctx);
    main.replaceChildren(h("div", { class: "carto" }, h("h1", { tabindex: "-1" }, ctx.t("carto.title")), s.form));
    s.pin.start();
    let stopGps = () => {};
    const startGps = () => {
        s.gpsButton.hidden = true;
        s.gps.textContent = ctx.t("carto.gpsWaiting");
        stopGps = watchGps((fix) => onFix(s, fix, ctx));
    };
    s.gpsButton.addEventListener("click", startGps);
    if (await gpsAllowed()) {
        startGps();
    }
    return () => {
        stopGps();
        s.pin.stop();
    };
}

/**
 * setup builds the form and its parts.
 * @param {any} ctx
 */
async function setup(ctx) {
    const gps = h("p", { role: "status", "data-testid": "gps" }, ctx.t("carto.gpsOff"));
    const gpsButton = h("button", { type: "button", class: "big", "data-testid": "carto-gps" }, ctx.t("carto.gpsStart"));
    const warning = h("p", { class: "notice", role: "alert", hidden: true, "data-testid": "similar" });
    const status = h("p", { class: "ok", role: "status", hidden: true, "data-testid": "carto-saved" });
    const initiatives = await views(ctx.db, "initiatives");
    const outlines = (await communes(ctx.db)).map((town) => town.boundary).filter(Boolean);
    const s = {
        gps, gpsButton, warning, status, count: 0, followGps: true, initiatives,
        pin: new PinMap(null, ctx.sync.config, () => { s.followGps = false; checkSimilar(s, ctx); }, { outlines, places: initiatives, label: ctx.t("form.mapLabel") }),
        photo: photoInput(ctx.t("carto.photo"), { camera: true, testid: "carto-photo" }),
        form: /** @type {HTMLFormElement} */ (h("form", { novalidate: true, "data-testid": "carto-form" })),
    };
    const chips = categoryChips(await views(ctx.db, "categories"), [], { t: ctx.t, locale: locale(), topOnly: true });
    const name = h("input", { id: "carto-name", name: "name", required: true, maxlength: 200, autocomplete: "off", "data-testid": "carto-name" });
    const line = h("input", { id: "carto-line", name: "line", maxlength: 300, autocomplete: "off", "data-testid": "carto-line" });
    name.addEventListener("input", () => checkSimilar(s, ctx));
    s.form.append(status, gps, gpsButton, h("p", { class: "meta" }, ctx.t("carto.dragPin")), s.pin.el, s.photo.box, chips,
        h("div", { class: "field" }, h("label", { for: "carto-name" }, ctx.t("carto.name") + " *"), name,
            h("p", { id: "carto-name-error", class: "field-error", hidden: true })),
        h("div", { class: "field" }, h("label", { for: "carto-line" }, ctx.t("carto.line")), line), warning,
        h("button", { type: "submit", class: "big", "data-testid": "carto-save" }, ctx.t("carto.save")));
    s.form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        saveOne(s, ctx).catch((err) => showStatus(s, ctx.t("common.error", { message: err.message }), true));
    });
    return s;
}

/**
 * onFix shows the GPS accuracy and moves the pin while the user has not placed it by hand.
 * @param {any} s
 * @param {{lat: number, lon: number, accuracy: number}|null} fix
 * @param {any} ctx
 */
function onFix(s, fix, ctx) {
    s.gps.textContent = fix ? ctx.t("carto.gps", { accuracy: fix.accuracy }) : ctx.t("carto.gpsDenied");
    if (fix) {
        s.pin.showAccuracy(fix);
    }
    if (fix && s.followGps) {
        s.pin.set(fix, true);
        s.followGps = true; // set() reports a move; a GPS move is not the user's
    }
}

/**
 * checkSimilar warns when a place with a similar name lies within 50 m of the pin.
 * @param {any} s
 * @param {any} ctx
 */
function checkSimilar(s, ctx) {
    const name = /** @type {HTMLInputElement} */ (s.form.elements.namedItem("name")).value.trim();
    const near = name && s.pin.value ? similarNearby(s.initiatives, name, s.pin.value, NEAR_M) : null;
    s.warning.hidden = !near;
    s.warning.textContent = near ? ctx.t("carto.similar", { name: near.row.name, meters: near.meters }) : "";
}

/**
 * saveOne writes the place (and its photo) to the outbox and readies the form for the next.
 * @param {any} s
 * @param {any} ctx
 */
async function saveOne(s, ctx) {
    const form = s.form;
    const nameInput = /** @type {HTMLInputElement} */ (form.elements.namedItem("name"));
    const name = nameInput.value.trim();
    const errorSlot = /** @type {HTMLElement} */ (form.querySelector("#carto-name-error"));
    errorSlot.hidden = Boolean(name);
    errorSlot.textContent = name ? "" : ctx.t("form.required");
    if (!name) {
        nameInput.focus();
        return;
    }
    const id = newId();
    const file = s.photo.input.files?.[0];
    const photoId = file ? await keepPhoto(ctx.db, file, { c: "initiatives", id }) : "";
    const fields = {
        name, author: currentUser()?.id, visibility: "public", categories: checkedCategories(form),
        ...(lineOf(form) ? { description: lineOf(form) } : {}),
        ...(s.pin.value ? { geo: s.pin.value } : {}), ...(photoId ? { photos: [photoId] } : {}),
    };
    const m = await enqueue(ctx.db, { c: "initiatives", id, op: "create", fields, blobs: photoId ? [photoId] : [] });
    s.initiatives.push(m.fields);
    s.count += 1;
    nextOne(s, ctx);
    ctx.sync.request();
}

/** @param {HTMLFormElement} form */
function lineOf(form) {
    return /** @type {HTMLInputElement} */ (form.elements.namedItem("line")).value.trim();
}

/**
 * nextOne empties the form for the next place, keeping the map where it is.
 * @param {any} s
 * @param {any} ctx
 */
function nextOne(s, ctx) {
    const form = s.form;
    /** @type {HTMLInputElement} */ (form.elements.namedItem("name")).value = "";
    /** @type {HTMLInputElement} */ (form.elements.namedItem("line")).value = "";
    form.querySelectorAll('input[name="categories"]').forEach((el) => { /** @type {HTMLInputElement} */ (el).checked = false; });
    s.photo.clear();
    s.warning.hidden = true;
    s.followGps = true;
    showStatus(s, ctx.t("carto.saved", { count: s.count }), false);
    s.photo.input.focus();
}

/**
 * showStatus says what happened, for eyes and screen readers.
 * @param {any} s
 * @param {string} msg
 * @param {boolean} bad
 */
function showStatus(s, msg, bad) {
    s.status.hidden = false;
    s.status.className = bad ? "field-error" : "ok";
    s.status.textContent = msg;
    announce(msg);
}
