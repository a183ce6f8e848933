// @ts-check
// The exchange panel of an offer's page (detail.js calls exchangePanel): "I'm interested"
// (a conversation with the author about the offer, offline too), the author's moves (reserve
// for a person who wrote about it, done, withdraw, reopen), and for loan and rental offers the
// bookings calendar (ask for days; the author confirms or declines; cancel my request). Every
// change goes through the outbox; a request the server refused shows its reason here too.
import { call, currentUser } from "../api.js";
import { views } from "../db.js";
import { records } from "../data.js";
import { names, openConversationAbout } from "../conversations.js";
import { BOOKABLE, askDates, daysOf, movesOf, setBookingStatus, setState } from "../exchanges.js";
import { openConflicts } from "../settle.js";
import { announce, h } from "../ui/dom.js";

const WATCHED = ["offers", "bookings", "conversations", "syncConflicts"];

/**
 * exchangePanel returns the exchange panel of record rec of collection c (null but for offers).
 * It redraws the page when its data changes, until it leaves the page.
 * @param {string} c
 * @param {Record<string, any>} rec
 * @param {any} ctx
 * @returns {Promise<HTMLElement|null>}
 */
export async function exchangePanel(c, rec, ctx) {
    if (c !== "offers") {
        return null;
    }
    const me = currentUser();
    const box = h("section", { class: "exchange", "data-testid": "exchange", "data-state": rec.state || "open" },
        h("h2", {}, ctx.t("ex.title")), currency(rec, ctx));
    if (!me) {
        box.append(h("p", { class: "meta" }, ctx.t("ex.signIn")));
        return box;
    }
    const mine = rec.author === me.id;
    box.append(...(mine || me.role === "moderator" ? await authorPart(rec, me.id, ctx) : await interestPart(rec, me.id, ctx)));
    if (BOOKABLE.includes(rec.mode)) {
        box.append(await calendar(rec, me.id, mine, ctx));
    }
    watch(box, ctx);
    return box;
}

/**
 * watch redraws the page when exchange data changes, while box is on it.
 * @param {HTMLElement} box
 * @param {any} ctx
 */
function watch(box, ctx) {
    const stop = ctx.onData((/** @type {string[]} */ what) => {
        if (!box.isConnected) {
            stop();
        } else if (what.some((c) => c === "*" || WATCHED.includes(c))) {
            return redraw();
        }
        return undefined;
    });
}

/** redraw draws the current page again (the router redraws on hashchange). */
function redraw() {
    window.dispatchEvent(new HashChangeEvent("hashchange"));
}

/**
 * queued tells that a change was saved and asks for a sync.
 * @param {any} ctx
 */
function queued(ctx) {
    announce(ctx.t("ex.queued"));
    ctx.sync.request();
    redraw();
}

/**
 * currency names the territory's local currency on a local-currency offer.
 * @param {Record<string, any>} rec
 * @param {any} ctx
 */
function currency(rec, ctx) {
    const name = ctx.sync.config?.currencyName;
    return rec.mode === "localCurrency" && name ? h("p", { class: "meta", "data-testid": "exchange-currency" }, ctx.t("ex.currency", { name })) : null;
}

/**
 * interestPart: "I'm interested", or my conversation about it, and whether it is reserved for me.
 * @param {Record<string, any>} rec
 * @param {string} me
 * @param {any} ctx
 */
async function interestPart(rec, me, ctx) {
    const convs = (await records(ctx.db, "conversations")).filter((c) => c.offer === rec.id && (c.participants || []).includes(me));
    const open = h("button", { type: "button", "data-testid": "exchange-interested",
        onclick: () => openConversationAbout(ctx.db, rec).catch((err) => announce(String(err.message || err))) },
    ctx.t(convs.length ? "ex.myConversation" : "ex.interested"));
    const closed = ["done", "withdrawn", "expired"].includes(rec.state);
    return [rec.reservedFor === me ? h("p", { class: "ok", "data-testid": "exchange-reserved-for-me" }, ctx.t("ex.reservedForYou")) : null,
        closed && !convs.length ? null : h("div", { class: "toolbar" }, open)];
}

/**
 * authorPart: who it is reserved for, and the moves of its state.
 * @param {Record<string, any>} rec
 * @param {string} me
 * @param {any} ctx
 */
async function authorPart(rec, me, ctx) {
    const people = [...new Set((await records(ctx.db, "conversations"))
        .filter((c) => c.offer === rec.id).flatMap((c) => c.participants || []))].filter((p) => p !== me && p !== rec.author);
    const who = await names(ctx.db, [...people, rec.reservedFor].filter(Boolean));
    const moves = movesOf(rec.state);
    const buttons = moves.filter((s) => s !== "reserved").map((s) => h("button", { type: "button", class: s === "withdrawn" ? "secondary" : "",
        "data-testid": "exchange-to-" + s, onclick: async () => { await setState(ctx.db, rec, s); queued(ctx); } }, ctx.t("ex.to." + s)));
    return [rec.state === "reserved" && rec.reservedFor ? h("p", { "data-testid": "exchange-reserved-for" },
        ctx.t("ex.reservedFor", { name: who.get(rec.reservedFor) || ctx.t("ex.someone") })) : null,
    moves.includes("reserved") ? reserveForm(rec, people, who, ctx) : null,
    rec.state === "expired" ? h("p", { class: "meta" }, ctx.t("ex.expiredHint")) : null,
    h("div", { class: "toolbar" }, buttons)];
}

/**
 * reserveForm picks one of the people who wrote about the offer and reserves it for them.
 * @param {Record<string, any>} rec
 * @param {string[]} people
 * @param {Map<string, string>} who
 * @param {any} ctx
 */
function reserveForm(rec, people, who, ctx) {
    if (people.length === 0) {
        return h("p", { class: "meta", "data-testid": "exchange-nobody" }, ctx.t("ex.nobodyYet"));
    }
    const pick = h("select", { id: "reserve-for", "data-testid": "exchange-reserve-for" },
        people.map((p) => h("option", { value: p }, who.get(p) || ctx.t("ex.someone"))));
    return h("form", { class: "inline", onsubmit: async (/** @type {Event} */ ev) => {
        ev.preventDefault();
        await setState(ctx.db, rec, "reserved", /** @type {HTMLSelectElement} */ (pick).value);
        queued(ctx);
    } }, h("label", { for: "reserve-for" }, ctx.t("ex.reserveFor")), " ", pick, " ",
    h("button", { type: "submit", "data-testid": "exchange-reserve" }, ctx.t("ex.reserve")));
}

/**
 * calendar: the dates already taken, my requests (or, for the author, those received), and the
 * form to ask for days.
 * @param {Record<string, any>} rec
 * @param {string} me
 * @param {boolean} mine the offer is mine
 * @param {any} ctx
 */
async function calendar(rec, me, mine, ctx) {
    const all = (await records(ctx.db, "bookings")).filter((b) => b.offer === rec.id && (mine || b.author === me))
        .sort((a, b) => String(a.start).localeCompare(String(b.start)));
    const who = mine ? await names(ctx.db, all.map((b) => b.author)) : new Map();
    return h("section", { class: "bookings", "data-testid": "bookings" }, h("h3", {}, ctx.t("bk.title")),
        await busy(rec, ctx), await refused(rec, ctx),
        all.length ? h("h4", {}, ctx.t(mine ? "bk.all" : "bk.mine")) : null,
        all.length ? h("ul", { class: "cards" }, all.map((b) => bookingItem(b, mine, who, ctx))) : null,
        mine ? null : askForm(rec, me, ctx));
}

/**
 * busy lists the confirmed dates, from the server (online only).
 * @param {Record<string, any>} rec
 * @param {any} ctx
 */
async function busy(rec, ctx) {
    try {
        const res = await call("GET", `/api/maillage/offers/${encodeURIComponent(rec.id)}/busy`);
        const list = res.busy || [];
        return list.length ? h("p", { "data-testid": "bookings-busy" }, ctx.t("bk.busy"), " ",
            list.map((/** @type {any} */ b) => ctx.t("bk.span", daysOf(b))).join(" · ")) : h("p", { class: "meta" }, ctx.t("bk.free"));
    } catch {
        return h("p", { class: "meta" }, ctx.t("bk.busyOffline"));
    }
}

/**
 * refused shows my requests of this offer that the server refused (open syncConflicts rows),
 * with its reason.
 * @param {Record<string, any>} rec
 * @param {any} ctx
 */
async function refused(rec, ctx) {
    const rows = openConflicts(await views(ctx.db, "syncConflicts"), currentUser()?.id || "")
        .filter((c) => c.collection === "bookings" && c.clientValue && c.clientValue.offer === rec.id);
    return rows.length ? h("div", { class: "notice", role: "status", "data-testid": "bookings-refused" }, rows.map((c) =>
        h("p", {}, ctx.t("bk.refused", { message: Object.values(c.serverValue || {}).join(" ") || c.message }))),
    h("a", { href: "#/conflicts" }, ctx.t("bk.seeConflicts"))) : null;
}

/**
 * bookingItem draws one booking with the buttons its reader may use.
 * @param {Record<string, any>} b
 * @param {boolean} mine the offer is mine
 * @param {Map<string, string>} who
 * @param {any} ctx
 */
function bookingItem(b, mine, who, ctx) {
    const t = ctx.t;
    const act = (/** @type {string} */ status, /** @type {string} */ key) => h("button", { type: "button", class: status === "confirmed" ? "" : "secondary",
        "data-testid": "booking-" + status, onclick: async () => { await setBookingStatus(ctx.db, b, status); queued(ctx); } }, t(key));
    const buttons = mine
        ? [b.status === "requested" ? act("confirmed", "bk.confirm") : null, ["requested", "confirmed"].includes(b.status) ? act("declined", "bk.decline") : null]
        : [["requested", "confirmed"].includes(b.status) ? act("cancelled", "bk.cancel") : null];
    return h("li", { class: "card", "data-testid": "booking", "data-status": b.status, "data-id": b.id },
        h("p", {}, t("bk.span", daysOf(b)), mine ? " · " + (who.get(b.author) || t("ex.someone")) : "", " ",
            h("span", { class: "chip" + (b.status === "requested" ? " pending" : "") }, t("bk.status." + b.status))),
        b.reason === "datesTaken" ? h("p", { class: "meta" }, t("bk.datesTaken")) : null,
        b.note ? h("p", { class: "meta" }, b.note) : null,
        h("div", { class: "toolbar" }, buttons));
}

/**
 * askForm asks for days (first and last, inclusive) with a note.
 * @param {Record<string, any>} rec
 * @param {string} me
 * @param {any} ctx
 */
function askForm(rec, me, ctx) {
    const t = ctx.t;
    const first = h("input", { type: "date", id: "bk-first", required: true, "data-testid": "booking-first" });
    const last = h("input", { type: "date", id: "bk-last", required: true, "data-testid": "booking-last" });
    const note = h("input", { type: "text", id: "bk-note", maxlength: "1000", "data-testid": "booking-note" });
    const error = h("p", { class: "error", role: "alert" });
    return h("form", { "data-testid": "booking-form", onsubmit: async (/** @type {Event} */ ev) => {
        ev.preventDefault();
        const [a, z] = [/** @type {HTMLInputElement} */ (first).value, /** @type {HTMLInputElement} */ (last).value];
        if (z < a) {
            error.textContent = t("bk.lastBeforeFirst");
            return;
        }
        await askDates(ctx.db, rec, me, a, z, /** @type {HTMLInputElement} */ (note).value);
        queued(ctx);
    } }, h("label", { for: "bk-first" }, t("bk.first")), first, h("label", { for: "bk-last" }, t("bk.last")), last,
    h("label", { for: "bk-note" }, t("bk.note")), note, error,
    h("button", { type: "submit", "data-testid": "booking-ask" }, t("bk.ask")));
}
