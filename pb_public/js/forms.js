// @ts-check
// The contribution forms: which fields each collection's form has (from the content
// migration), how a form value becomes a record value and back, the checks made before saving,
// and the server's field errors shown beside their field. Pure except buildFields/readForm.
import { h, field, showError } from "./ui/dom.js";
import { changedFields } from "./rebase.js";

/**
 * @typedef {{name: string, type: "text"|"textarea"|"url"|"datetime"|"date"|"bool"|"select"|
 *   "number"|"categories"|"geo"|"photos", required?: boolean, max?: number,
 *   options?: string[], optionKey?: string, label?: string}} FieldSpec
 */

const VISIBILITY = { name: "visibility", type: "select", options: ["public", "community", "private"], optionKey: "visibility." };
const COMMON_TAIL = [
    { name: "categories", type: "categories" },
    { name: "geo", type: "geo" },
];

/** @type {Record<string, FieldSpec[]>} FORMS lists the fields of each collection's form. */
export const FORMS = /** @type {any} */ ({
    initiatives: [
        { name: "name", type: "text", required: true, max: 200 },
        { name: "description", type: "textarea", max: 20000 },
        ...COMMON_TAIL,
        { name: "address", type: "text", max: 300 },
        { name: "photos", type: "photos" },
        { name: "website", type: "url" },
        { name: "contact", type: "text", max: 500 },
        { name: "openingHours", type: "text", max: 500 },
        VISIBILITY,
    ],
    events: [
        { name: "title", type: "text", required: true, max: 200 },
        { name: "start", type: "datetime", required: true },
        { name: "end", type: "datetime" },
        { name: "allDay", type: "bool" },
        { name: "rrule", type: "text", max: 500 },
        { name: "place", type: "text", max: 300 },
        { name: "description", type: "textarea", max: 20000 },
        ...COMMON_TAIL,
        { name: "price", type: "text", max: 100 },
        { name: "registrationUrl", type: "url" },
        VISIBILITY,
    ],
    offers: [
        { name: "kind", type: "select", required: true, options: ["offer", "need"], optionKey: "kind." },
        { name: "mode", type: "select", required: true, options: ["sale", "rental", "barter", "localCurrency", "gift", "loan", "service"], optionKey: "mode." },
        { name: "title", type: "text", required: true, max: 200 },
        { name: "description", type: "textarea", max: 20000 },
        { name: "price", type: "number" },
        { name: "currencyAmount", type: "number" },
        { name: "photos", type: "photos" },
        { name: "expires", type: "date" },
        ...COMMON_TAIL,
        VISIBILITY,
    ],
    organisations: [
        { name: "name", type: "text", required: true, max: 200 },
        { name: "description", type: "textarea", max: 20000 },
        ...COMMON_TAIL,
        { name: "address", type: "text", max: 300 },
        { name: "contact", type: "text", max: 500 },
        { name: "website", type: "url" },
        VISIBILITY,
    ],
});

/** COLLECTIONS lists what can be contributed, in menu order. */
export const COLLECTIONS = ["initiatives", "events", "offers", "organisations"];

/**
 * toServer turns a form value into the record's value (dates become PocketBase UTC dates).
 * @param {FieldSpec} spec
 * @param {any} v
 */
export function toServer(spec, v) {
    switch (spec.type) {
        case "datetime":
            return v ? new Date(v).toISOString().replace("T", " ") : "";
        case "date":
            return v ? v + " 12:00:00.000Z" : "";
        case "number":
            return v === "" || v === null || v === undefined ? 0 : Number(v);
        case "bool":
            return Boolean(v);
        default:
            return v ?? "";
    }
}

/**
 * fromServer turns a record's value into a form value (a datetime-local in local time).
 * @param {FieldSpec} spec
 * @param {any} v
 */
export function fromServer(spec, v) {
    if (spec.type === "datetime" && v) {
        const d = new Date(String(v).replace(" ", "T"));
        const local = new Date(d.getTime() - d.getTimezoneOffset() * 60000);
        return local.toISOString().slice(0, 16);
    }
    if (spec.type === "date" && v) {
        return String(v).slice(0, 10);
    }
    if (spec.type === "number") {
        return v ? String(v) : "";
    }
    return v ?? (spec.type === "categories" || spec.type === "photos" ? [] : "");
}

/**
 * validate checks record values against the spec before saving, so that common mistakes are
 * caught offline; returns {field: message key}.
 * @param {FieldSpec[]} specs
 * @param {Record<string, any>} values record values (after toServer)
 */
export function validate(specs, values) {
    /** @type {Record<string, string>} */
    const errors = {};
    for (const s of specs) {
        const v = values[s.name];
        if (s.required && (v === "" || v === null || v === undefined)) {
            errors[s.name] = "form.required";
        } else if (s.type === "url" && v && !/^https?:\/\/[^\s/]+\.[^\s]+$/.test(v)) {
            errors[s.name] = "form.invalidUrl";
        } else if (s.max && typeof v === "string" && v.length > s.max) {
            errors[s.name] = "form.tooLong";
        } else if (s.type === "number" && Number.isNaN(v)) {
            errors[s.name] = "form.notNumber";
        }
    }
    if (values.start && values.end && values.end < values.start) {
        errors.end = "form.endBeforeStart";
    }
    return errors;
}

/**
 * createFields keeps the non-empty values of a new record, with its author and visibility.
 * @param {Record<string, any>} values
 * @param {string} author
 */
export function createFields(values, author) {
    /** @type {Record<string, any>} */
    const out = { author, visibility: values.visibility || "public" };
    for (const [k, v] of Object.entries(values)) {
        const empty = v === "" || v === null || v === false || v === 0 || (Array.isArray(v) && v.length === 0);
        if (!empty && k !== "visibility") {
            out[k] = v;
        }
    }
    return out;
}

/**
 * buildFields draws the controls of specs with values; render(spec) draws the special ones
 * (categories, geo, photos) and returns null for the others.
 * @param {FieldSpec[]} specs
 * @param {Record<string, any>} values record values
 * @param {(key: string) => string} t
 * @param {(spec: FieldSpec, value: any) => HTMLElement|null} special
 */
export function buildFields(specs, values, t, special) {
    return specs.map((s) => special(s, values[s.name]) || control(s, fromServer(s, values[s.name]), t));
}

/**
 * control draws one plain control wrapped with its label and error slot.
 * @param {FieldSpec} s
 * @param {any} v a form value
 * @param {(key: string) => string} t
 */
function control(s, v, t) {
    const id = "f-" + s.name;
    const label = t("form." + s.name) + (s.required ? " *" : "");
    const common = { name: s.name, "data-testid": "field-" + s.name, required: s.required || false };
    if (s.type === "bool") {
        return h("div", { class: "field" }, h("label", { class: "check" },
            h("input", { ...common, type: "checkbox", id, checked: Boolean(v) }), t("form." + s.name)),
        h("p", { id: id + "-error", class: "field-error", hidden: true }));
    }
    if (s.type === "select") {
        const opts = (s.options || []).map((o) => h("option", { value: o, selected: o === v }, t(s.optionKey + o)));
        return field(id, label, h("select", common, s.required ? null : h("option", { value: "" }, "—"), opts));
    }
    if (s.type === "textarea") {
        return field(id, label, h("textarea", { ...common, maxlength: s.max, value: v }));
    }
    const type = { datetime: "datetime-local", date: "date", url: "url", number: "number" }[/** @type {string} */ (s.type)] || "text";
    return field(id, label, h("input", { ...common, type, maxlength: s.max, value: v, step: type === "number" ? "any" : null, min: type === "number" ? "0" : null }));
}

/**
 * readPlain reads the plain controls of form into record values.
 * @param {HTMLFormElement} form
 * @param {FieldSpec[]} specs
 */
export function readPlain(form, specs) {
    /** @type {Record<string, any>} */
    const out = {};
    for (const s of specs) {
        const el = /** @type {any} */ (form.elements.namedItem(s.name));
        if (!el || ["categories", "geo", "photos"].includes(s.type)) {
            continue;
        }
        out[s.name] = toServer(s, s.type === "bool" ? el.checked : cleanInput(s, el.value));
    }
    return out;
}

/**
 * cleanInput trims what the user typed, except long text whose layout matters.
 * @param {FieldSpec} s
 * @param {string} raw
 */
function cleanInput(s, raw) {
    return s.type === "textarea" ? raw : raw.trim();
}

/**
 * roundTrip returns a record value as it comes back from its form control untouched, so that
 * an edit sends only what the user changed.
 * @param {FieldSpec} s
 * @param {any} v
 */
export function roundTrip(s, v) {
    if (["categories", "geo", "photos"].includes(s.type)) {
        return v ?? (s.type === "geo" ? null : []);
    }
    const shown = fromServer(s, v);
    return toServer(s, typeof shown === "string" ? cleanInput(s, shown) : shown);
}

/**
 * showErrors shows each message beside its field (clearing the others) and focuses the
 * first field in error; messages may be message keys or the server's text. Returns the
 * errors that have no field in this form, for a summary.
 * @param {HTMLElement} form
 * @param {FieldSpec[]} specs
 * @param {Record<string, string>} errors
 * @param {(key: string, p?: any) => string} t
 */
export function showErrors(form, specs, errors, t) {
    let first = null;
    for (const s of specs) {
        const msg = errors[s.name] || "";
        showError(form, "f-" + s.name, msg.startsWith("form.") ? t(msg) : msg && t("form.serverError", { message: msg }));
        if (msg && !first) {
            first = form.querySelector("#f-" + s.name);
        }
    }
    /** @type {HTMLElement|null} */ (first)?.focus();
    return Object.fromEntries(Object.entries(errors).filter(([k]) => !specs.some((s) => s.name === k)));
}

/**
 * changeOf builds the outbox change: every filled field for a new record, only the changed
 * ones for an edit; a new photo is added to the record's photos.
 * @param {{user: any, c: string, specs: any[], start: any}} f
 * @param {Record<string, any>} values
 * @param {string} photoId
 * @returns {import("./outbox.js").Change}
 */
export function changeOf(f, values, photoId) {
    const blobs = photoId ? [photoId] : [];
    if (!f.start.editing) {
        const fields = createFields(values, f.user.id);
        if (photoId) {
            fields.photos = [...(values.photos || []), photoId];
        }
        return { c: f.c, id: f.start.id, op: "create", fields, blobs };
    }
    const original = Object.fromEntries(f.specs.map((s) => [s.name, roundTrip(s, f.start.original[s.name])]));
    const fields = changedFields(original, values);
    if (photoId) {
        fields.photos = [...(f.start.original.photos || []), photoId];
    }
    return { c: f.c, id: f.start.id, op: "update", fields, blobs };
}
