// @ts-check
// A record's history on its page: the revisions the server lets the reader see (who or which
// source, when, each changed field's before and after), read online when the section is
// opened (revisions are not synced), with the moderators' "revert" buttons (the whole
// revision, or one field), each itself a new revision.
import { call, currentUser } from "./api.js";
import { locale } from "./i18n.js";
import { announce, h, localDate } from "./ui/dom.js";

/** SOURCES are the sources that have their own label; others are import sources' names. */
const SOURCES = ["sync", "dashboard", "merge", "revert", "system", "sql"];

/** FIELD_TEXT is how long a value is shown before it is cut. */
const FIELD_TEXT = 80;

/**
 * historyFor draws the closed "History" section of record rec of collection c; it loads the
 * revisions when opened.
 * @param {string} c
 * @param {Record<string, any>} rec
 * @param {any} ctx the view context (t)
 * @returns {HTMLElement}
 */
export function historyFor(c, rec, ctx) {
    const list = h("div", { "data-testid": "history-list" });
    const box = h("details", { class: "history", "data-testid": "history" },
        h("summary", {}, ctx.t("history.title")), list);
    box.addEventListener("toggle", () => {
        if (/** @type {HTMLDetailsElement} */ (box).open) {
            load(c, rec.id, list, ctx);
        }
    });
    return box;
}

/**
 * load reads the record's revisions, newest first, and draws them.
 * @param {string} c
 * @param {string} id
 * @param {HTMLElement} list
 * @param {any} ctx
 */
async function load(c, id, list, ctx) {
    list.replaceChildren(h("p", { class: "meta" }, ctx.t("history.loading")));
    const filter = encodeURIComponent(`collection="${c}" && recordId="${id}"`);
    try {
        const page = await call("GET", `/api/collections/revisions/records?filter=${filter}&sort=-created&perPage=100&expand=author`);
        const items = page.items || [];
        list.replaceChildren(...(items.length ? items.map((r) => revision(r, c, id, list, ctx)) :
            [h("p", { class: "meta" }, ctx.t("history.empty"))]));
    } catch (err) {
        list.replaceChildren(h("p", { class: "notice", "data-testid": "history-error" },
            err.status === 0 ? ctx.t("history.offline") : String(err.message || err)));
    }
}

/**
 * revision draws one revision: who and when, then its changed fields.
 * @param {Record<string, any>} r
 * @param {string} c
 * @param {string} id
 * @param {HTMLElement} list
 * @param {any} ctx
 */
function revision(r, c, id, list, ctx) {
    const mod = isModerator() && r.op !== "create";
    const fields = Object.entries(r.changes || {});
    return h("section", { class: "revision", "data-testid": "revision", "data-id": r.id },
        h("p", { class: "meta" }, h("strong", {}, who(r, ctx)), " · ", localDate(r.created, locale()), " · ", ctx.t("history.op." + r.op)),
        h("ul", {}, ...fields.map(([f, ch]) => h("li", { "data-field": f },
            h("code", {}, f), " : ", shown(ch.before), " → ", shown(ch.after),
            mod && fields.length > 1 ? revertButton(r.id, f, ctx.t("history.revertField"), c, id, list, ctx) : null))),
        mod ? revertButton(r.id, "", ctx.t("history.revert"), c, id, list, ctx) : null);
}

/**
 * who names the revision's writer: a person's name or "you", and its source if any (a
 * person's revert or sync push, an import, the dashboard...).
 * @param {Record<string, any>} r
 * @param {any} ctx
 */
function who(r, ctx) {
    const source = !r.source ? "" :
        SOURCES.includes(r.source) ? ctx.t("history.source." + r.source) : ctx.t("history.import", { source: r.source });
    if (!r.author) {
        return source;
    }
    const name = r.author === currentUser()?.id ? ctx.t("history.you") : r.expand?.author?.name || ctx.t("history.someone");
    return source ? `${name} (${source})` : name;
}

/**
 * shown writes a value short: empty as a dash, objects as JSON, long text cut.
 * @param {any} v
 */
function shown(v) {
    if (v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length)) {
        return "—";
    }
    const text = typeof v === "string" ? v : JSON.stringify(v);
    return text.length > FIELD_TEXT ? text.slice(0, FIELD_TEXT) + "…" : text;
}

/** isModerator reports whether the signed-in person is a moderator. */
function isModerator() {
    return currentUser()?.role === "moderator";
}

/**
 * revertButton sets the record back to the revision's values (of field, or all), then
 * reloads the history. The new values reach the page through sync.
 * @param {string} revId
 * @param {string} field
 * @param {string} label
 * @param {string} c
 * @param {string} id
 * @param {HTMLElement} list
 * @param {any} ctx
 */
function revertButton(revId, field, label, c, id, list, ctx) {
    return h("button", {
        type: "button", class: "button secondary small", "data-testid": field ? "history-revert-field" : "history-revert",
        onclick: async () => {
            try {
                await call("POST", `/api/maillage/revisions/${revId}/revert`, field ? { field } : {});
                announce(ctx.t("history.reverted"));
                ctx.sync?.request();
                await load(c, id, list, ctx);
            } catch (err) {
                announce(err.status === 0 ? ctx.t("history.offline") : String(err.message || err));
            }
        },
    }, label);
}
