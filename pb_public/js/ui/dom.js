// @ts-check
// A tiny DOM builder and helpers shared by the views.

/**
 * h creates an element: h("a", {href: "#/"}, "text", child). Attributes starting with "on"
 * bind listeners; false/null attributes are skipped; children may be strings, nodes or arrays.
 * A style string is set through el.style (the Content-Security-Policy refuses style attributes).
 * @param {string} tag
 * @param {Record<string, any>} [attrs]
 * @param {...any} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
        if (v === false || v === null || v === undefined) {
            continue;
        }
        if (k.startsWith("on") && typeof v === "function") {
            el.addEventListener(k.slice(2), v);
        } else if (k === "value" || k === "checked") {
            /** @type {any} */ (el)[k] = v;
        } else if (k === "style") {
            el.style.cssText = String(v); // through the CSSOM: the CSP refuses style attributes
        } else {
            el.setAttribute(k, v === true ? "" : String(v));
        }
    }
    append(el, children);
    return el;
}

/**
 * append adds children (strings, nodes, arrays, null) to el.
 * @param {Node} el
 * @param {any[]} children
 */
function append(el, children) {
    for (const c of children) {
        if (c === null || c === undefined || c === false) {
            continue;
        }
        if (Array.isArray(c)) {
            append(el, c);
        } else {
            el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
        }
    }
}

/**
 * mount replaces the content of main with the view's nodes and moves focus to its heading.
 * @param {...any} nodes
 */
export function mount(...nodes) {
    const main = /** @type {HTMLElement} */ (document.getElementById("main"));
    main.replaceChildren();
    append(main, nodes);
    return main;
}

/**
 * announce tells screen readers something happened.
 * @param {string} msg
 */
export function announce(msg) {
    const live = document.getElementById("live");
    if (live) {
        live.textContent = msg;
    }
}

/**
 * field wraps a control with its label and an error slot: errors from the server are shown
 * beside the field they concern.
 * @param {string} id
 * @param {string} label
 * @param {HTMLElement} control
 */
export function field(id, label, control) {
    control.id = id;
    control.setAttribute("aria-describedby", id + "-error");
    return h("div", { class: "field" }, h("label", { for: id }, label), control,
        h("p", { id: id + "-error", class: "field-error", hidden: true }));
}

/**
 * showError shows msg beside the field id (or hides it when msg is empty).
 * @param {HTMLElement} form
 * @param {string} id
 * @param {string} msg
 */
export function showError(form, id, msg) {
    const slot = form.querySelector("#" + CSS.escape(id) + "-error");
    const control = form.querySelector("#" + CSS.escape(id));
    if (slot) {
        slot.textContent = msg;
        /** @type {HTMLElement} */ (slot).hidden = !msg;
    }
    control?.setAttribute("aria-invalid", msg ? "true" : "false");
}

/**
 * localDate formats a PocketBase date for people.
 * @param {string} value
 * @param {string} loc
 * @param {boolean} [dateOnly]
 */
export function localDate(value, loc, dateOnly = false) {
    if (!value) {
        return "";
    }
    const d = new Date(String(value).replace(" ", "T"));
    const opts = dateOnly ? { dateStyle: "full" } : { dateStyle: "full", timeStyle: "short" };
    return new Intl.DateTimeFormat(loc === "en" ? "en-GB" : "fr-FR", /** @type {any} */ (opts)).format(d);
}
