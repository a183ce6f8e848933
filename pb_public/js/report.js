// @ts-check
// The moderation panel of a detail page: anyone signed in reports the record with a reason (a
// reports record queued in the outbox, so offline too); its author reads the moderators' and
// the community's decisions on it and their reasons (GET /api/maillage/moderation/decisions);
// and everyone sees how much its author contributed (GET /api/maillage/contributors/{id}).
import { call, currentUser } from "./api.js";
import { enqueue, newId } from "./outbox.js";
import { announce, h } from "./ui/dom.js";

/**
 * moderationPanel draws the panel of record rec of collection c.
 * @param {string} c
 * @param {Record<string, any>} rec
 * @param {any} ctx the view context (t, db, sync)
 * @returns {HTMLElement}
 */
export function moderationPanel(c, rec, ctx) {
    const box = h("div", { class: "moderation-panel", "data-testid": "moderation-panel" });
    const me = currentUser();
    if (rec.author) {
        contributorLine(rec.author, box, ctx);
    }
    if (me && rec.author === me.id) {
        decisions(c, rec.id, box, ctx);
    } else if (me) {
        box.append(reportForm(c, rec, ctx));
    }
    return box;
}

/**
 * contributorLine appends the author's counts when their profile may be seen.
 * @param {string} author
 * @param {HTMLElement} box
 * @param {any} ctx
 */
export async function contributorLine(author, box, ctx) {
    try {
        const n = await call("GET", "/api/maillage/contributors/" + encodeURIComponent(author));
        box.prepend(h("p", { class: "meta", "data-testid": "contributor-counts" },
            ctx.t("contributors.counts", { published: n.published, suggestions: n.suggestionsAccepted })));
    } catch {
        // offline, or a profile the reader may not see: nothing to show
    }
}

/**
 * decisions appends the decisions on the author's own record, newest first.
 * @param {string} c
 * @param {string} id
 * @param {HTMLElement} box
 * @param {any} ctx
 */
async function decisions(c, id, box, ctx) {
    try {
        const list = await call("GET", `/api/maillage/moderation/decisions?collection=${encodeURIComponent(c)}&recordId=${encodeURIComponent(id)}`);
        if (list.length) {
            box.append(h("section", { "data-testid": "decisions" }, h("h2", {}, ctx.t("report.decisions")),
                h("ul", {}, list.map((/** @type {any} */ d) => h("li", {}, label(ctx, d.action),
                    d.reason ? " — " + d.reason : "")))));
        }
    } catch {
        // offline: the decisions show next time
    }
}

/**
 * reportForm is the "Report" disclosure: a reason and a button that queues the report.
 * @param {string} c
 * @param {Record<string, any>} rec
 * @param {any} ctx
 */
function reportForm(c, rec, ctx) {
    const t = ctx.t;
    const reason = /** @type {HTMLInputElement} */ (h("input", { type: "text", required: true, maxlength: "1000", "data-testid": "report-reason" }));
    const status = h("p", { role: "status", class: "meta" });
    const form = h("form", {
        onsubmit: async (/** @type {Event} */ ev) => {
            ev.preventDefault();
            if (!reason.value.trim()) {
                return;
            }
            await enqueue(ctx.db, { c: "reports", id: newId(), op: "create",
                fields: { collection: c, recordId: rec.id, reason: reason.value.trim(), author: currentUser()?.id } });
            ctx.sync.request();
            announce(t("report.sent"));
            form.replaceChildren(h("p", { class: "ok", "data-testid": "report-sent" }, t("report.sent")));
        },
    }, h("label", {}, t("report.reason"), " ", reason), h("button", { type: "submit", "data-testid": "report-send" }, t("report.send")), status);
    return h("details", { class: "report", "data-testid": "report" }, h("summary", {}, t("report.title")), form);
}

/**
 * label names a decision; an action of another package without a text shows as it is.
 * @param {any} ctx
 * @param {string} action
 */
function label(ctx, action) {
    const key = "report.decision." + action;
    const text = ctx.t(key);
    return text === key ? action : text;
}
