// @ts-check
// The outbox view (#/outbox): what waits on this device and what the server answered, each
// with its state (waiting, sending, synced, merged, conflict, rejected), the server's reason
// for a rejection, and retry.
import { h, announce, localDate } from "../ui/dom.js";
import { row, views } from "../db.js";
import { journal, pending, retry, OUTBOX_EVENT } from "../outbox.js";
import { openConflicts } from "../settle.js";
import { currentUser } from "../api.js";
import { locale } from "../i18n.js";

/** How many answered contributions the view lists. */
const SHOWN = 100;

/**
 * render draws the outbox and redraws it when the outbox or the data change.
 * @param {HTMLElement} main
 * @param {Record<string, string>} params
 * @param {any} ctx
 */
export async function render(main, params, ctx) {
    const list = h("div", { "data-testid": "outbox" });
    const syncNow = h("button", { type: "button", "data-testid": "sync-now" }, ctx.t("sync.now"));
    syncNow.addEventListener("click", async () => {
        await ctx.sync.request();
        announce(navigator.onLine ? ctx.t("sync.done") : ctx.t("net.offline"));
    });
    main.replaceChildren(h("h1", { tabindex: "-1" }, ctx.t("outbox.title")), h("div", { class: "toolbar" }, syncNow), list);
    const redraw = () => draw(list, ctx).catch(() => { /* database closing on sign-out */ });
    // Listening before the first draw: a change while it reads is not missed.
    window.addEventListener(OUTBOX_EVENT, redraw);
    const stopData = ctx.onData(redraw);
    await redraw();
    return () => {
        window.removeEventListener(OUTBOX_EVENT, redraw);
        stopData();
    };
}

/**
 * draw fills the list from the outbox and the journal.
 * @param {HTMLElement} list
 * @param {any} ctx
 */
async function draw(list, ctx) {
    const db = ctx.db;
    const waiting = await pending(db);
    const answered = (await journal(db)).reverse().slice(0, SHOWN);
    const conflicts = openConflicts(await views(db, "syncConflicts"), currentUser()?.id || "");
    const items = [];
    for (const m of [...waiting.reverse(), ...answered]) {
        items.push(await item(db, m, ctx));
    }
    const st = ctx.session?.state || {};
    list.replaceChildren(h("div", {},
        st.authExpired ? h("p", { class: "notice" }, h("a", { href: "#/account" }, ctx.t("account.expired"))) : null,
        st.lastError && waiting.length > 0 ? h("p", { class: "notice", "data-testid": "sync-error" }, ctx.t("sync.failed", { reason: st.lastError })) : null,
        h("p", { "data-testid": "outbox-pending", "data-count": String(waiting.length) },
            waiting.length > 0 ? ctx.t("outbox.pending", { count: waiting.length }) : ctx.t("outbox.empty")),
        conflicts.length > 0
            ? h("p", { class: "notice" }, h("a", { href: "#/conflicts", "data-testid": "to-conflicts" },
                ctx.t("outbox.openConflicts", { count: conflicts.length })))
            : null,
        items.length > 0 ? h("ul", { class: "cards" }, items) : null));
}

/**
 * item draws one contribution: what, when, its state, and what can be done about it.
 * @param {IDBDatabase} db
 * @param {any} m an outbox or journal entry
 * @param {any} ctx
 */
async function item(db, m, ctx) {
    const r = await row(db, m.c, m.id);
    const name = m.c === "syncConflicts"
        ? ctx.t(m.fields.status === "reapplied" ? "conflicts.reapply" : "conflicts.dismiss")
        : titleOf(m.fields) || titleOf(r?.view || r?.server || {}) || m.id;
    const what = ctx.t("outbox.op." + m.op) + " · " + ctx.t("coll." + m.c);
    const link = r?.view && m.c !== "syncConflicts" ? h("a", { href: `#/i/${m.c}/${m.id}` }, name) : h("span", {}, name);
    return h("li", { class: "card", "data-testid": "outbox-item", "data-state": m.state, "data-mseq": String(m.mseq), "data-id": m.id },
        h("p", {}, h("strong", {}, link)),
        h("p", { class: "meta" }, what, " · ", localDate(new Date(m.acked || m.created).toISOString(), locale())),
        h("p", {}, h("span", { class: "state state-" + m.state, "data-testid": "state" }, ctx.t("outbox.state." + m.state)),
            r?.server?.status === "pending" ? [" ", h("span", { class: "meta", "data-testid": "moderation" }, ctx.t("detail.pending"))] : null),
        details(m, ctx));
}

/**
 * titleOf picks a record's name or title.
 * @param {Record<string, any>} fields
 */
function titleOf(fields) {
    return fields.name || fields.title || "";
}

/**
 * details explains a rejection or a conflict and offers what can be done.
 * @param {any} m
 * @param {any} ctx
 */
function details(m, ctx) {
    const res = m.result || {};
    if (m.state === "rejected") {
        const fieldErrors = Object.entries(res.fieldErrors || {}).map(([f, msg]) => h("li", {}, `${ctx.t("form." + f)} : ${msg}`));
        return h("div", {},
            h("p", { class: "field-error", "data-testid": "reason" }, ctx.t("outbox.reason", { message: res.message || "—" })),
            fieldErrors.length > 0 ? h("ul", {}, fieldErrors) : null,
            h("div", { class: "toolbar" },
                m.op !== "delete" && m.c !== "syncConflicts"
                    ? h("a", { class: "button", href: `#/contribute/${m.c}?fix=${m.mseq}`, "data-testid": "fix" }, ctx.t("outbox.fix"))
                    : null,
                retryButton(m, ctx)));
    }
    if (m.state === "conflict" || (m.state === "merged" && (res.conflicts || []).length > 0)) {
        return h("p", {}, h("a", { href: "#/conflicts", "data-testid": "see-conflicts" }, ctx.t("outbox.conflicts")));
    }
    if (m.state === "waiting" && !navigator.onLine) {
        return h("p", { class: "meta" }, ctx.t("outbox.whenOnline"));
    }
    return null;
}

/**
 * retryButton sends a refused contribution again, unchanged (after the rule that refused it
 * changed, or the record came back).
 * @param {any} m
 * @param {any} ctx
 */
function retryButton(m, ctx) {
    const b = h("button", { type: "button", class: "secondary", "data-testid": "retry" }, ctx.t("outbox.retry"));
    b.addEventListener("click", async () => {
        try {
            await retry(ctx.db, m.mseq);
            announce(ctx.t("form.saved"));
            await ctx.sync.request();
        } catch (err) {
            announce(ctx.t("common.error", { message: /** @type {Error} */ (err).message }));
        }
    });
    return b;
}
