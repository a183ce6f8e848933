// @ts-check
// Suggested edits on a record's page. A person who may read a record but not change it gets
// "Suggest an edit": the record's own form, prefilled; saving it queues an update like any
// contribution (offline too), which the server keeps as a suggestion for the record's author
// (the push answers "suggested", the outbox shows "sent as a suggestion"). The record's author
// (and moderators) see its pending suggestions here and accept them field by field or decline
// them with a reason; the person who suggested sees what became of theirs.
import { call } from "./api.js";
import { invalidate } from "./data.js";
import { views } from "./db.js";
import { enqueue } from "./outbox.js";
import { contributorLine } from "./report.js";
import { h } from "./ui/dom.js";
import { href } from "./ui/router.js";

/**
 * canEdit mirrors the content update rule: the author, a moderator (not for private records),
 * a facilitator for a published public record.
 * @param {Record<string, any>} rec
 * @param {any} user
 */
export function canEdit(rec, user) {
    if (!user) {
        return false;
    }
    return rec.author === user.id || (user.role === "moderator" && rec.visibility !== "private") ||
        (user.role === "facilitator" && rec.status === "published" && rec.visibility === "public" && !rec.deleted);
}

/**
 * suggestPanel: the "Suggest an edit" link for those who cannot edit, the suggestions on the
 * record this person may read (their own, or all of them for its author and moderators).
 * @param {string} c
 * @param {Record<string, any>} rec
 * @param {any} ctx
 */
export async function suggestPanel(c, rec, ctx) {
    const user = ctx.user();
    if (!user) {
        return null;
    }
    const t = ctx.t;
    const mine = (await views(ctx.db, "suggestions")).filter((s) => s.collection === c && s.recordId === rec.id);
    const decider = rec.author === user.id || user.role === "moderator";
    return h("section", { class: "suggestions", "data-testid": "suggestions" },
        canEdit(rec, user) ? null : h("a", { class: "button secondary", href: href("edit", c, rec.id), "data-testid": "suggest-edit" }, t("suggest.button")),
        mine.length ? h("h2", {}, t("suggest.title")) : null,
        h("ul", { class: "cards" }, mine.map((s) => item(s, rec, decider && s.author !== user.id, ctx))));
}

/**
 * label names a field as the record's form does (the field's name when the form has no label).
 * @param {string} f
 * @param {(k: string) => string} t
 */
function label(f, t) {
    const text = t("form." + f);
    return text === "form." + f ? f : text;
}

/**
 * item shows one suggestion: its fields (proposed, and as seen when it differs from now), its
 * status, and for the decider the accept and decline controls.
 * @param {Record<string, any>} s
 * @param {Record<string, any>} rec
 * @param {boolean} decider
 * @param {any} ctx
 */
function item(s, rec, decider, ctx) {
    const t = ctx.t;
    const pending = s.status === "pending";
    const fields = Object.keys(s.fields || {});
    const boxes = fields.map((f) => {
        const changed = s.seen && f in s.seen && JSON.stringify(s.seen[f]) !== JSON.stringify(rec[f]);
        return h("li", { "data-field": f },
            decider && pending ? h("input", { type: "checkbox", checked: true, "data-testid": "suggestion-field", value: f, "aria-label": f }) : null,
            h("strong", {}, label(f, t)), " : ", String(s.fields[f] ?? ""),
            changed ? h("span", { class: "chip pending", "data-testid": "suggestion-changed" }, t("suggest.changedSince")) : null,
            !pending && (s.decided || []).includes(f) ? h("span", { class: "chip" }, t("suggest.fieldAccepted")) : null);
    });
    const out = h("p", { role: "status", class: "meta" });
    const card = h("li", { class: "card", "data-testid": "suggestion", "data-id": s.id, "data-status": s.status },
        h("p", {}, h("span", { class: "chip", "data-testid": "suggestion-status" }, t("suggest.status." + s.status)),
            s.comment ? " " + s.comment : ""),
        h("ul", { class: "cards" }, boxes),
        s.reason ? h("p", { class: "meta", "data-testid": "suggestion-reason" }, t("suggest.reason", { reason: s.reason })) : null,
        decider && pending ? decide(s, ctx, out) : null, out);
    contributorLine(s.author, card, ctx); // the suggester's recognition: what they contributed
    return card;
}

/**
 * decisionFields is a decision as an update of the suggestion record, the form it takes in the
 * outbox (the server applies it as the accept and decline routes do).
 * @param {Record<string, any>} s the suggestion
 * @param {string} what "accept" or "decline"
 * @param {{fields?: string[], reason?: string}} body the route's body
 */
export function decisionFields(s, what, body) {
    if (what === "decline") {
        return { status: "declined", decided: [], reason: body.reason || "" };
    }
    const all = Object.keys(s.fields || {});
    const fields = body.fields?.length ? body.fields : all;
    return { status: all.every((f) => fields.includes(f)) ? "accepted" : "partlyAccepted", decided: fields };
}

/**
 * decide: accept the checked fields, or decline with a reason. Online a decision is answered at
 * once, then the sync brings the record and the suggestion back; offline it is queued in the
 * outbox as an update of the suggestion, sent when the network comes back.
 * @param {Record<string, any>} s
 * @param {any} ctx
 * @param {HTMLElement} out
 */
function decide(s, ctx, out) {
    const t = ctx.t;
    const reason = h("input", { type: "text", "data-testid": "suggestion-reason-input", "aria-label": t("suggest.reasonLabel"), placeholder: t("suggest.reasonLabel") });
    const queue = async (/** @type {string} */ what, /** @type {any} */ body) => {
        await enqueue(ctx.db, { c: "suggestions", id: s.id, op: "update", fields: decisionFields(s, what, body) });
        invalidate(ctx.db, ["suggestions"]);
        ctx.sync.request();
        out.textContent = t("suggest.queued");
        out.dataset.done = what;
        out.dataset.queued = "true";
    };
    const send = async (/** @type {string} */ what, /** @type {any} */ body) => {
        try {
            if (!navigator.onLine) {
                return await queue(what, body);
            }
            await call("POST", `/api/maillage/suggestions/${encodeURIComponent(s.id)}/${what}`, body);
            out.textContent = t(what === "accept" ? "suggest.accepted" : "suggest.declined");
            out.dataset.done = what;
            ctx.sync.request();
        } catch (err) {
            out.textContent = /** @type {Error} */ (err).message || t("suggest.failed");
        }
    };
    const checked = (/** @type {HTMLElement} */ btn) => [...(btn.closest("li.card")?.querySelectorAll("input[data-testid=suggestion-field]:checked") || [])]
        .map((el) => /** @type {HTMLInputElement} */ (el).value);
    return h("div", { class: "toolbar" },
        h("button", { type: "button", "data-testid": "suggestion-accept",
            onclick: (/** @type {Event} */ ev) => send("accept", { fields: checked(/** @type {HTMLElement} */ (ev.target)) }) }, t("suggest.accept")),
        reason,
        h("button", { type: "button", class: "secondary", "data-testid": "suggestion-decline",
            onclick: () => reason.value.trim() ? send("decline", { reason: reason.value.trim() }) : (out.textContent = t("suggest.reasonNeeded")) }, t("suggest.decline")));
}
