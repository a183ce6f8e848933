// @ts-check
// The moderators' duplicates view (#/duplicates): each open pair of records that may be the
// same place, body or event, side by side with the score and why; the moderator picks the
// record to keep and, field by field, whose value wins, then merges, or says they are two. It
// needs the network (pairs are not kept on the device): the merge then reaches devices by sync.
import { call, currentUser } from "../api.js";
import { categories, titleOf } from "../data.js";
import { locale } from "../i18n.js";
import { initialChoices, mergeRequest, same, shownFields } from "../merge.js";
import { announce, h, localDate } from "../ui/dom.js";
import { href } from "../ui/router.js";

/**
 * render draws the open pairs, for moderators.
 * @param {HTMLElement} main
 * @param {Record<string, string>} params
 * @param {any} ctx
 */
export async function render(main, params, ctx) {
    const t = ctx.t;
    const list = h("div", { "data-testid": "duplicates" });
    main.replaceChildren(h("h1", {}, t("dup.title")), h("p", { class: "meta" }, t("dup.intro")), list);
    if (currentUser()?.role !== "moderator") {
        list.replaceChildren(h("p", { class: "notice", "data-testid": "dup-moderators-only" }, t("dup.moderatorsOnly")));
        return;
    }
    await draw(list, ctx);
}

/**
 * draw fetches the open pairs and shows them.
 * @param {HTMLElement} list
 * @param {any} ctx
 */
async function draw(list, ctx) {
    const t = ctx.t;
    if (!navigator.onLine) {
        list.replaceChildren(h("p", { class: "notice", "data-testid": "dup-offline" }, t("dup.offline")));
        return;
    }
    let page;
    try {
        page = await call("GET", "/api/maillage/duplicates?perPage=20");
    } catch (err) {
        list.replaceChildren(h("p", { class: "notice", role: "alert" }, t("common.error", { message: /** @type {Error} */ (err).message })));
        return;
    }
    if (page.items.length === 0) {
        list.replaceChildren(h("p", { class: "ok", "data-testid": "dup-empty" }, t("dup.empty")));
        return;
    }
    const cats = ctx.db ? await categories(ctx.db) : new Map();
    list.replaceChildren(h("p", { class: "meta" }, t("dup.count", { count: page.totalItems })),
        h("ul", { class: "cards" }, page.items.map((/** @type {any} */ pair) => card(pair, ctx, cats, () => draw(list, ctx)))));
}

/**
 * card draws one pair: the two records' fields side by side with a choice per differing field,
 * the record to keep, and the merge and dismiss buttons.
 * @param {import("../merge.js").Pair} pair
 * @param {any} ctx
 * @param {Map<string, any>} cats
 * @param {() => void} redraw
 */
function card(pair, ctx, cats, redraw) {
    const t = ctx.t;
    const [a, b] = pair.records;
    /** @type {{keep: "a"|"b", choices: Record<string, import("../merge.js").Choice>}} */
    const state = { keep: "a", choices: initialChoices(pair, "a") };
    const table = h("table", { class: "compare-table" });
    const status = h("p", { role: "status", class: "meta" });
    const fill = () => table.replaceChildren(...rows(pair, state, ctx, cats));
    fill();
    const keepers = ["a", "b"].map((k) => h("label", {},
        h("input", { type: "radio", name: "keep-" + pair.id, value: k, checked: k === "a", "data-testid": "dup-keep-" + k,
            onchange: () => { state.keep = /** @type {"a"|"b"} */ (k); state.choices = initialChoices(pair, state.keep); fill(); } }),
        " ", t("dup.keep", { name: titleOf(k === "a" ? a : b) })));
    return h("li", { class: "card", "data-testid": "dup-pair", "data-id": pair.id },
        h("h2", {}, t("kind." + pair.collection), " · ", t("dup.score", { score: Math.round(pair.score * 100) })),
        h("p", { class: "meta", "data-testid": "dup-reasons" }, reasons(pair.reasons, t)),
        h("fieldset", {}, h("legend", {}, t("dup.keepLegend")), ...keepers),
        table,
        h("div", { class: "toolbar" },
            h("button", { type: "button", "data-testid": "dup-merge",
                onclick: () => act(() => call("POST", `/api/maillage/duplicates/${pair.id}/merge`, mergeRequest(pair, state.keep, state.choices)), "dup.merged") }, t("dup.merge")),
            h("button", { type: "button", class: "secondary", "data-testid": "dup-dismiss",
                onclick: () => act(() => call("POST", `/api/maillage/duplicates/${pair.id}/dismiss`), "dup.dismissed") }, t("dup.dismiss"))),
        status);

    /**
     * act sends a decision, then says so and redraws; a refusal is shown on the card.
     * @param {() => Promise<any>} send
     * @param {string} done
     */
    async function act(send, done) {
        try {
            await send();
            announce(t(done));
            ctx.sync.request();
            redraw();
        } catch (err) {
            status.textContent = t("common.error", { message: /** @type {Error} */ (err).message });
        }
    }
}

/**
 * rows draws the table: a header naming both records, then one row per field with a value,
 * with a choice where the two differ ("both" too for lists, such as categories).
 * @param {import("../merge.js").Pair} pair
 * @param {{keep: "a"|"b", choices: Record<string, import("../merge.js").Choice>}} state
 * @param {any} ctx
 * @param {Map<string, any>} cats
 */
function rows(pair, state, ctx, cats) {
    const t = ctx.t;
    const [a, b] = pair.records;
    const head = h("tr", {}, h("th", {}, t("dup.field")),
        ...[a, b].map((r) => h("th", {}, h("a", { href: href("i", pair.collection, r.id) }, titleOf(r)))));
    return [head, ...shownFields(pair).map((f) => {
        const differs = !same(a[f], b[f]);
        const cell = (/** @type {"a"|"b"} */ k, /** @type {any} */ r) => h("td", {}, differs
            ? h("label", {}, h("input", { type: "radio", name: `${pair.id}-${f}`, value: k, checked: state.choices[f] === k,
                "data-testid": `dup-${f}-${k}`, onchange: () => { state.choices[f] = k; } }), " ", show(f, r[f], cats, t))
            : show(f, r[f], cats, t));
        const lists = differs && (Array.isArray(a[f]) || Array.isArray(b[f]));
        const both = lists ? h("label", {}, h("input", { type: "radio", name: `${pair.id}-${f}`, value: "both", checked: state.choices[f] === "both",
            "data-testid": `dup-${f}-both`, onchange: () => { state.choices[f] = "both"; } }), " ", t("dup.both")) : null;
        return h("tr", { "data-field": f, class: differs ? "differs" : "" },
            h("th", { scope: "row" }, label(f, t), both), cell("a", a), cell("b", b));
    })];
}

/**
 * reasons says why the pair was found: distance, name likeness, shared contact.
 * @param {import("../merge.js").Reasons} r
 * @param {(k: string, p?: any) => string} t
 */
function reasons(r, t) {
    const parts = [];
    if (typeof r.distance === "number") {
        parts.push(t("dup.distance", { metres: Math.round(r.distance) }));
    }
    parts.push(t("dup.name", { percent: Math.round(r.name * 100) }));
    for (const k of ["phone", "email", "website"]) {
        if (r[/** @type {"phone"|"email"|"website"} */ (k)]) {
            parts.push(t("dup.same." + k));
        }
    }
    return parts.join(" · ");
}

/**
 * label names a field as the forms do, or by its name.
 * @param {string} f
 * @param {(k: string) => string} t
 */
function label(f, t) {
    const text = t("form." + f);
    return text === "form." + f ? f : text;
}

/**
 * show writes a field's value for people: category names, dates, points, lists.
 * @param {string} f
 * @param {any} v
 * @param {Map<string, any>} cats
 * @param {(k: string) => string} t
 */
function show(f, v, cats, t) {
    if (v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0)) {
        return h("span", { class: "meta" }, "—");
    }
    if (f === "categories") {
        return v.map((/** @type {string} */ id) => cats.get(id)?.name || id).join(", ");
    }
    if (typeof v === "object" && "lat" in v) {
        return `${v.lat.toFixed(5)}, ${v.lon.toFixed(5)}`;
    }
    if (typeof v === "boolean") {
        return t(v ? "dup.yes" : "dup.no");
    }
    if (typeof v === "string" && /^\d{4}-\d\d-\d\d[ T]\d\d:/.test(v)) {
        return localDate(v, locale(), false);
    }
    return typeof v === "string" ? v : JSON.stringify(v);
}
