// @ts-check
// The cooperations panel of an organisation's or initiative's page (js/views/detail.js): its
// confirmed links, its proposals waiting for the other side, the proposals addressed to it with
// Confirm and Decline for those who speak for it, and the form to propose a link for those who
// may edit it. Everything reads and writes the local store (writes through the outbox), so it
// works offline; the server's rules and the network package decide in the end.
import { currentUser } from "./api.js";
import { records } from "./data.js";
import { LINK_TYPES, NODE_COLLECTIONS, editorsOf, keyOf, linksOf } from "./network.js";
import { enqueue, newId } from "./outbox.js";
import { announce, field, h, showError } from "./ui/dom.js";
import { href } from "./ui/router.js";

/** PANEL_COLLECTIONS are the pages that show the panel. */
const PANEL_COLLECTIONS = ["organisations", "initiatives"];

/**
 * linksPanel draws the cooperations of record rec of collection c; null on other pages.
 * @param {string} c
 * @param {Record<string, any>} rec
 * @param {any} ctx the view context (t, db, sync)
 * @returns {Promise<HTMLElement|null>}
 */
export async function linksPanel(c, rec, ctx) {
    if (!PANEL_COLLECTIONS.includes(c)) {
        return null;
    }
    const t = ctx.t;
    const [links, ...lists] = await Promise.all([records(ctx.db, "links"), ...NODE_COLLECTIONS.map((n) => records(ctx.db, n))]);
    /** @type {Map<string, Record<string, any>>} */
    const byKey = new Map();
    NODE_COLLECTIONS.forEach((n, i) => lists[i].forEach((r) => byKey.set(keyOf(n, r.id), r)));
    const me = currentUser()?.id || "";
    const sorted = linksOf(links, c, rec.id, me);
    const box = h("section", { class: "links-panel", "data-testid": "links-panel" }, h("h2", {}, t("links.title")),
        sorted.confirmed.length ? linkList(sorted.confirmed, c, rec.id, byKey, t, "links-confirmed")
            : h("p", { class: "meta" }, t("links.none")));
    if (sorted.toDecide.length) {
        box.append(h("h3", {}, t("links.toDecide")), decideList(sorted.toDecide, c, rec.id, byKey, ctx));
    }
    if (sorted.waiting.length) {
        box.append(h("h3", {}, t("links.waiting")), linkList(sorted.waiting, c, rec.id, byKey, t, "links-waiting"));
    }
    if (me && editorsOf(c, rec, byKey).includes(me)) {
        box.append(proposeForm(c, rec, byKey, ctx));
    }
    return box;
}

/**
 * otherEnd returns the key of the end of link l that is not c/id, and its arrow.
 * @param {Record<string, any>} l
 * @param {string} c
 * @param {string} id
 */
function otherEnd(l, c, id) {
    const outgoing = l.fromCollection === c && l.fromId === id;
    return { key: outgoing ? keyOf(l.toCollection, l.toId) : keyOf(l.fromCollection, l.fromId), arrow: !l.directed ? "—" : outgoing ? "→" : "←" };
}

/**
 * endLink names the record key, linked to its page when it has one.
 * @param {string} key
 * @param {Map<string, Record<string, any>>} byKey
 */
function endLink(key, byKey) {
    const rec = byKey.get(key);
    const [c, id] = key.split("/");
    const name = rec?.name || rec?.title || id;
    return c === "communities" ? h("span", {}, name) : h("a", { href: href("i", c, id) }, name);
}

/**
 * linkList lists links of c/id with their other end and type.
 * @param {Array<Record<string, any>>} list
 * @param {string} c
 * @param {string} id
 * @param {Map<string, Record<string, any>>} byKey
 * @param {(key: string, p?: any) => string} t
 * @param {string} testid
 */
function linkList(list, c, id, byKey, t, testid) {
    return h("ul", { "data-testid": testid }, list.map((l) => {
        const end = otherEnd(l, c, id);
        return h("li", { "data-id": l.id }, end.arrow, " ", endLink(end.key, byKey), " ",
            h("span", { class: "chip" }, t("network.type." + l.type)));
    }));
}

/**
 * decideList lists the proposals addressed to c/id with Confirm and Decline, queued in the outbox.
 * @param {Array<Record<string, any>>} list
 * @param {string} c
 * @param {string} id
 * @param {Map<string, Record<string, any>>} byKey
 * @param {any} ctx
 */
function decideList(list, c, id, byKey, ctx) {
    const t = ctx.t;
    return h("ul", { "data-testid": "links-to-decide" }, list.map((l) => {
        const li = h("li", { "data-id": l.id });
        const decide = async (/** @type {string} */ status) => {
            await enqueue(ctx.db, { c: "links", id: l.id, op: "update", fields: { status } });
            ctx.sync.request();
            const msg = t(status === "confirmed" ? "links.confirmed" : "links.declined");
            announce(msg);
            li.replaceChildren(h("p", { class: "ok", role: "status" }, msg));
        };
        li.append(endLink(otherEnd(l, c, id).key, byKey), " ", h("span", { class: "chip" }, t("network.type." + l.type)), " ",
            h("button", { type: "button", "data-testid": "link-confirm", onclick: () => decide("confirmed") }, t("links.confirm")), " ",
            h("button", { type: "button", class: "secondary", "data-testid": "link-decline", onclick: () => decide("declined") }, t("links.decline")));
        return li;
    }));
}

/**
 * proposeForm is the "Propose a link" disclosure: the other record (from the local records),
 * the type, the direction, the start date and the visibility; the link is queued in the outbox.
 * @param {string} c
 * @param {Record<string, any>} rec
 * @param {Map<string, Record<string, any>>} byKey
 * @param {any} ctx
 */
function proposeForm(c, rec, byKey, ctx) {
    const t = ctx.t;
    const choices = new Map([...byKey].filter(([key]) => key !== keyOf(c, rec.id))
        .map(([key, r]) => [`${r.name || r.title} (${t("network.kind." + key.split("/")[0])})`, key]));
    const to = /** @type {HTMLInputElement} */ (h("input", { type: "text", list: "links-targets", required: true, autocomplete: "off", "data-testid": "link-to" }));
    const type = /** @type {HTMLSelectElement} */ (h("select", { "data-testid": "link-type" }, LINK_TYPES.map((x) => h("option", { value: x }, t("network.type." + x)))));
    const directed = /** @type {HTMLInputElement} */ (h("input", { type: "checkbox", "data-testid": "link-directed" }));
    const start = /** @type {HTMLInputElement} */ (h("input", { type: "date", "data-testid": "link-start" }));
    const visibility = /** @type {HTMLSelectElement} */ (h("select", { "data-testid": "link-visibility" },
        ["public", "community", "private"].map((v) => h("option", { value: v }, t("links.visibility." + v)))));
    const form = h("form", { "data-testid": "link-form", onsubmit: async (/** @type {Event} */ ev) => {
        ev.preventDefault();
        const key = choices.get(to.value);
        showError(form, "link-to", key ? "" : t("links.unknownTarget"));
        if (!key) {
            return;
        }
        const [toCollection, toId] = key.split("/");
        await enqueue(ctx.db, { c: "links", id: newId(), op: "create", fields: {
            fromCollection: c, fromId: rec.id, toCollection, toId, type: type.value, directed: directed.checked,
            start: start.value ? start.value + " 00:00:00.000Z" : "", visibility: visibility.value, status: "proposed", author: currentUser()?.id,
        } });
        ctx.sync.request();
        announce(t("links.sent"));
        form.replaceChildren(h("p", { class: "ok", "data-testid": "link-sent" }, t("links.sent")));
    } },
    h("datalist", { id: "links-targets" }, [...choices.keys()].sort((a, b) => a.localeCompare(b, "fr")).map((label) => h("option", { value: label }))),
    field("link-to", t("links.field.to"), to), field("link-type", t("links.field.type"), type),
    h("div", { class: "field" }, h("label", {}, directed, " ", t("links.field.directed"))),
    field("link-start", t("links.field.start"), start), field("link-visibility", t("links.field.visibility"), visibility),
    h("button", { type: "submit", "data-testid": "link-send" }, t("links.send")));
    return h("details", { class: "link-propose", "data-testid": "link-propose" }, h("summary", {}, t("links.propose")), form);
}
