// @ts-check
// The account view (#/account): sign up, sign in, sign out. Signing out forgets the device's
// copy of the user's data, so it is refused while contributions wait to be sent, unless the
// user explicitly discards them. The user stays signed in offline (the token is kept).
import { h, field, showError, announce } from "../ui/dom.js";
import { currentUser, pb } from "../api.js";
import { UnsentError, signIn, signOut, state } from "../session.js";
import { pushSettings } from "../push-settings.js";
import { accountData } from "../account-data.js";

/**
 * render draws the signed-in user's account, or the sign-in and sign-up forms.
 * @param {HTMLElement} main
 * @param {Record<string, string>} params
 * @param {any} ctx
 */
export async function render(main, params, ctx) {
    const user = currentUser();
    main.replaceChildren(h("h1", { tabindex: "-1" }, ctx.t("account.title")));
    if (user) {
        main.append(...signedIn(user, ctx));
        return;
    }
    main.append(signInForm(ctx), signUpForm(ctx));
}

/**
 * signedIn shows who is signed in and the sign-out button with its safeguard.
 * @param {any} user
 * @param {any} ctx
 */
function signedIn(user, ctx) {
    const out = h("div", { "data-testid": "signout-result", role: "alert" });
    const button = h("button", { type: "button", class: "secondary", "data-testid": "sign-out" }, ctx.t("account.signOut"));
    button.addEventListener("click", () => trySignOut(out, ctx, false));
    return [
        h("p", { "data-testid": "signed-in-as" },
            ctx.t("account.signedInAs", { name: user.name || user.email, role: ctx.t("role." + (user.role || "resident")) })),
        state.authExpired ? h("p", { class: "notice" }, ctx.t("account.expired")) : null,
        h("p", {}, h("a", { href: "#/outbox" }, ctx.t("outbox.title"))),
        button, out,
        pushSettings(ctx),
        accountData(ctx),
    ].filter(Boolean);
}

/**
 * trySignOut signs out, or explains why not and offers to discard the unsent work.
 * @param {HTMLElement} out
 * @param {any} ctx
 * @param {boolean} discard
 */
async function trySignOut(out, ctx, discard) {
    try {
        await signOut({ discard });
        announce(ctx.t("account.signedOut"));
        ctx.navigate("#/account");
    } catch (err) {
        if (!(err instanceof UnsentError)) {
            out.replaceChildren(h("p", { class: "field-error" }, ctx.t("common.error", { message: /** @type {Error} */ (err).message })));
            return;
        }
        const lose = h("button", { type: "button", class: "danger", "data-testid": "discard-and-sign-out" }, ctx.t("account.discard"));
        lose.addEventListener("click", () => trySignOut(out, ctx, true));
        out.replaceChildren(h("p", { class: "notice", "data-testid": "unsent-warning" }, ctx.t("account.unsentCount", { count: err.count })),
            h("div", { class: "toolbar" }, h("a", { class: "button", href: "#/outbox" }, ctx.t("outbox.title")), lose));
    }
}

/**
 * signInForm draws the sign-in form.
 * @param {any} ctx
 */
function signInForm(ctx) {
    const form = /** @type {HTMLFormElement} */ (h("form", { "data-testid": "signin-form" },
        h("h2", {}, ctx.t("account.signIn")),
        field("in-email", ctx.t("account.email"), h("input", { type: "email", name: "email", autocomplete: "username", required: true, "data-testid": "signin-email" })),
        field("in-password", ctx.t("account.password"), h("input", { type: "password", name: "password", autocomplete: "current-password", required: true, "data-testid": "signin-password" })),
        h("p", { id: "in-result", role: "alert" }),
        h("button", { type: "submit", "data-testid": "signin-submit" }, ctx.t("account.signIn"))));
    form.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        const result = /** @type {HTMLElement} */ (form.querySelector("#in-result"));
        if (!navigator.onLine) {
            result.textContent = ctx.t("account.offlineSignIn");
            return;
        }
        try {
            await signIn(value(form, "email"), value(form, "password"));
            ctx.navigate("#/map");
        } catch (err) {
            result.className = "field-error";
            result.textContent = ctx.t("account.failed", { message: reason(err, ctx) });
        }
    });
    return form;
}

/**
 * signUpForm draws the sign-up form; the server's field errors show beside their field.
 * @param {any} ctx
 */
function signUpForm(ctx) {
    const form = /** @type {HTMLFormElement} */ (h("form", { "data-testid": "signup-form" },
        h("h2", {}, ctx.t("account.signUp")),
        field("up-name", ctx.t("account.name"), h("input", { name: "name", autocomplete: "name", "data-testid": "signup-name" })),
        field("up-email", ctx.t("account.email"), h("input", { type: "email", name: "email", autocomplete: "email", required: true, "data-testid": "signup-email" })),
        field("up-password", ctx.t("account.password"), h("input", { type: "password", name: "password", autocomplete: "new-password", required: true, minlength: "8", "data-testid": "signup-password" })),
        field("up-passwordConfirm", ctx.t("account.passwordConfirm"), h("input", { type: "password", name: "passwordConfirm", autocomplete: "new-password", required: true, "data-testid": "signup-password-confirm" })),
        h("p", { id: "up-result", role: "alert" }),
        h("button", { type: "submit", "data-testid": "signup-submit" }, ctx.t("account.signUp"))));
    form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        signUp(form, ctx);
    });
    return form;
}

/**
 * signUp creates the account, then signs in.
 * @param {HTMLFormElement} form
 * @param {any} ctx
 */
async function signUp(form, ctx) {
    const result = /** @type {HTMLElement} */ (form.querySelector("#up-result"));
    const body = { name: value(form, "name"), email: value(form, "email"), password: value(form, "password"), passwordConfirm: value(form, "passwordConfirm") };
    for (const k of Object.keys(body)) {
        showError(form, "up-" + k, "");
    }
    if (!navigator.onLine) {
        result.textContent = ctx.t("account.offlineSignIn");
        return;
    }
    try {
        await pb.collection("users").create({ ...body, emailVisibility: false });
        await signIn(body.email, body.password);
        ctx.navigate("#/map");
    } catch (err) {
        const data = /** @type {any} */ (err).response?.data || {};
        for (const [k, v] of Object.entries(data)) {
            showError(form, "up-" + k, /** @type {any} */ (v).message || String(v));
        }
        result.className = "field-error";
        result.textContent = ctx.t("account.signUpFailed", { message: reason(err, ctx) });
    }
}

/**
 * value reads a trimmed form value (passwords untouched).
 * @param {HTMLFormElement} form
 * @param {string} name
 */
function value(form, name) {
    const v = /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value;
    return name.startsWith("password") ? v : v.trim();
}

/**
 * reason turns an SDK error into a sentence for people.
 * @param {any} err
 * @param {any} ctx
 */
function reason(err, ctx) {
    if (err?.status === 0 || err?.isAbort) {
        return ctx.t("account.offlineSignIn");
    }
    return err?.response?.message || err?.message || "?";
}
