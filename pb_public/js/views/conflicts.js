// @ts-check
// The conflict view (#/conflicts): each value of the user's that lost a conflict (synced back
// from the server's syncConflicts), "your value" beside "the kept value", to re-apply or
// dismiss. A rejected contribution shows the server's reason.
import { h, announce } from "../ui/dom.js";
import { row, views } from "../db.js";
import { currentUser } from "../api.js";
import { openConflicts, settle } from "../settle.js";

/**
 * render draws the open conflicts and redraws them when data changes.
 * @param {HTMLElement} main
 * @param {Record<string, string>} params
 * @param {any} ctx
 */
export async function render(main, params, ctx) {
    const list = h("div", { "data-testid": "conflicts" });
    main.replaceChildren(h("h1", { tabindex: "-1" }, ctx.t("conflicts.title")),
        h("p", { class: "meta" }, ctx.t("conflicts.intro")), list);
    const redraw = () => draw(list, ctx).catch(() => { /* database closing on sign-out */ });
    const stop = ctx.onData(redraw); // before the first draw: a change while it reads is not missed
    await redraw();
    return stop;
}

/**
 * draw fills the list with the user's open conflicts.
 * @param {HTMLElement} list
 * @param {any} ctx
 */
async function draw(list, ctx) {
    const rows = openConflicts(await views(ctx.db, "syncConflicts"), currentUser()?.id || "");
    if (rows.length === 0) {
        list.replaceChildren(h("p", { class: "ok", "data-testid": "no-conflicts" }, ctx.t("conflicts.empty")));
        return;
    }
    const items = [];
    for (const c of rows) {
        items.push(await item(c, ctx, list));
    }
    list.replaceChildren(h("ul", { class: "cards" }, items));
}

/**
 * item draws one conflict: which record and field, both values, the server's message and the
 * two choices.
 * @param {any} c a syncConflicts row
 * @param {any} ctx
 * @param {HTMLElement} list
 */
async function item(c, ctx, list) {
    const r = await row(ctx.db, c.collection, c.recordId);
    const name = r?.view?.name || r?.view?.title || c.recordId;
    const record = r?.view ? h("a", { href: `#/i/${c.collection}/${c.recordId}` }, name) : name;
    const heading = c.kind === "field"
        ? ctx.t("conflicts.field", { field: ctx.t("form." + c.field), record: "" })
        : ctx.t("conflicts.kind." + c.kind);
    return h("li", { class: "card", "data-testid": "conflict", "data-id": c.id, "data-field": c.field || "", "data-kind": c.kind },
        h("h2", {}, heading, " ", record),
        c.kind === "rejected" ? h("p", { class: "field-error", "data-testid": "reason" }, ctx.t("conflicts.rejected", { message: c.message || "—" })) : null,
        h("div", { class: "compare" },
            h("div", {}, h("h3", {}, ctx.t("conflicts.yours")), h("pre", { "data-testid": "yours" }, show(c.clientValue))),
            c.kind === "rejected" ? null
                : h("div", {}, h("h3", {}, ctx.t("conflicts.kept")), h("pre", { "data-testid": "kept" }, show(c.serverValue)))),
        h("div", { class: "toolbar" },
            choice(c, "reapplied", ctx, list), choice(c, "dismissed", ctx, list)));
}

/**
 * show writes a conflict value for people: text as is, anything else as JSON.
 * @param {any} v
 */
function show(v) {
    if (v === null || v === undefined || v === "") {
        return "—";
    }
    return typeof v === "string" ? v : JSON.stringify(v, null, 2);
}

/**
 * choice draws the re-apply or dismiss button of a conflict.
 * @param {any} c
 * @param {"reapplied"|"dismissed"} status
 * @param {any} ctx
 * @param {HTMLElement} list
 */
function choice(c, status, ctx, list) {
    const reapply = status === "reapplied";
    const b = h("button", { type: "button", class: reapply ? "" : "secondary", "data-testid": reapply ? "reapply" : "dismiss" },
        ctx.t(reapply ? "conflicts.reapply" : "conflicts.dismiss"));
    b.addEventListener("click", async () => {
        try {
            await settle(ctx.db, c, status);
            announce(ctx.t("conflicts.done"));
            await draw(list, ctx);
            ctx.sync.request();
        } catch (err) {
            announce(ctx.t("common.error", { message: /** @type {Error} */ (err).message }));
        }
    });
    return b;
}
