// @ts-check
// "Your data" in the account view: download the zip of everything the server keeps about the
// person (GET /api/maillage/me/export), and delete the account (DELETE /api/maillage/me) with
// their choice for their public contributions, after an explicit confirmation. Once the
// account is gone, the device forgets its data as a sign-out does (session.js).
import { h, announce } from "./ui/dom.js";
import { call, download } from "./api.js";
import { signOut } from "./session.js";

const EXPORT = "/api/maillage/me/export";
const ME = "/api/maillage/me";

/**
 * accountData returns the "Your data" section of the account view.
 * @param {any} ctx the view's context (t, navigate)
 */
export function accountData(ctx) {
    const result = h("p", { role: "alert", "data-testid": "my-data-result" });
    const get = h("button", { type: "button", class: "secondary", "data-testid": "my-data-download" }, ctx.t("myData.download"));
    get.addEventListener("click", () => saveExport(get, result, ctx));
    return h("section", { class: "my-data", "data-testid": "my-data" },
        h("h2", {}, ctx.t("myData.title")), h("p", {}, ctx.t("myData.intro")),
        get, result, deleteForm(ctx));
}

/**
 * saveExport downloads the zip and hands it to the browser as a file.
 * @param {HTMLButtonElement} button
 * @param {HTMLElement} result
 * @param {any} ctx
 */
async function saveExport(button, result, ctx) {
    if (!navigator.onLine) {
        say(result, "notice", ctx.t("myData.offline"));
        return;
    }
    button.disabled = true;
    say(result, "", ctx.t("myData.downloading"));
    try {
        const { blob, name } = await download(EXPORT);
        const url = URL.createObjectURL(blob);
        const a = h("a", { href: url, download: name || "maillage.zip" });
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
        result.dataset.bytes = String(blob.size);
        say(result, "", ctx.t("myData.downloaded", { file: name || "maillage.zip" }));
    } catch (err) {
        say(result, "field-error", ctx.t("myData.failed", { message: /** @type {Error} */ (err).message }));
    } finally {
        button.disabled = false;
    }
}

/**
 * deleteForm draws the deletion: the choice for public contributions, the confirmation and
 * the final button, shown once "Delete my account" is pressed.
 * @param {any} ctx
 */
function deleteForm(ctx) {
    const choice = (/** @type {string} */ value, /** @type {string} */ label) => h("label", {},
        h("input", { type: "radio", name: "contributions", value, "data-testid": "my-data-choice-" + value }), " ", ctx.t(label));
    const form = /** @type {HTMLFormElement} */ (h("form", { hidden: true, "data-testid": "my-data-delete-form" },
        h("p", {}, ctx.t("myData.deleteIntro")),
        h("fieldset", {}, h("legend", {}, ctx.t("myData.contributions")),
            choice("anonymise", "myData.anonymise"), h("br"), choice("delete", "myData.erase")),
        h("label", {}, h("input", { type: "checkbox", name: "confirm", "data-testid": "my-data-confirm" }), " ", ctx.t("myData.confirm")),
        h("p", { role: "alert", "data-testid": "my-data-delete-result" }),
        h("button", { type: "submit", class: "danger", "data-testid": "my-data-delete-final" }, ctx.t("myData.deleteForGood"))));
    const open = h("button", { type: "button", class: "danger", "data-testid": "my-data-delete" }, ctx.t("myData.delete"));
    open.addEventListener("click", () => { form.hidden = false; open.hidden = true; });
    form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        deleteAccount(form, ctx);
    });
    return h("div", {}, open, form);
}

/**
 * deleteAccount sends the deletion once the choice is made and confirmed, then forgets the
 * device's data and returns to the account view, signed out.
 * @param {HTMLFormElement} form
 * @param {any} ctx
 */
async function deleteAccount(form, ctx) {
    const result = /** @type {HTMLElement} */ (form.querySelector("[role=alert]"));
    const contributions = /** @type {RadioNodeList} */ (form.elements.namedItem("contributions")).value;
    const confirmed = /** @type {HTMLInputElement} */ (form.elements.namedItem("confirm")).checked;
    if (!contributions || !confirmed) {
        say(result, "field-error", ctx.t("myData.chooseFirst"));
        return;
    }
    if (!navigator.onLine) {
        say(result, "notice", ctx.t("myData.offline"));
        return;
    }
    try {
        await call("DELETE", ME, { contributions });
    } catch (err) {
        say(result, "field-error", ctx.t("myData.failed", { message: /** @type {Error} */ (err).message }));
        return;
    }
    await signOut({ discard: true });
    announce(ctx.t("myData.deleted"));
    ctx.navigate("#/account");
}

/**
 * say writes a message into el with a class.
 * @param {HTMLElement} el
 * @param {string} cls
 * @param {string} text
 */
function say(el, cls, text) {
    el.className = cls;
    el.textContent = text;
}
