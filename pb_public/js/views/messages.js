// @ts-check
// The messages view: #/messages lists my conversations with their unread counts;
// #/messages/<id> shows one conversation, its messages, a compose box (sent through the outbox,
// so it works offline), and leaving or blocking. While it is open and online, PocketBase's
// realtime API tells it of new messages (the server sends them to participants only) and it
// pulls them at once.
import { pb } from "../api.js";
import { blockOf, block, leave, markRead, messagesOf, myConversations, names, send, unblock } from "../conversations.js";
import { row } from "../db.js";
import { locale } from "../i18n.js";
import { announce, h, localDate } from "../ui/dom.js";
import { href } from "../ui/router.js";

const WATCHED = ["conversations", "messages", "conversationReads", "blocks", "*"];

/**
 * render draws the list of conversations, or one conversation when params.id is set.
 * @param {HTMLElement} main
 * @param {Record<string, string>} params
 * @param {any} ctx
 */
export async function render(main, params, ctx) {
    const me = ctx.user()?.id || "";
    if (!me) {
        main.replaceChildren(h("h1", { tabindex: "-1" }, ctx.t("nav.messages")),
            h("p", { class: "notice" }, ctx.t("conv.signIn"), " ", h("a", { href: "#/account" }, ctx.t("nav.account"))));
        return;
    }
    const box = h("div", { "data-testid": params.id ? "conversation" : "conversations" });
    main.replaceChildren(box);
    const draw = () => (params.id ? drawConversation(box, params.id, me, ctx) : drawList(box, me, ctx))
        .catch(() => { /* database closing on sign-out */ });
    const stopData = ctx.onData((/** @type {string[]} */ what) => {
        return what.some((c) => WATCHED.includes(c)) ? draw() : undefined;
    });
    const stopLive = live(ctx);
    await draw();
    return () => { stopData(); stopLive(); };
}

/**
 * live asks for a sync when the server announces a message in real time; the returned
 * function stops listening.
 * @param {any} ctx
 */
function live(ctx) {
    let stop = () => {};
    let stopped = false;
    pb.realtime.subscribe("messages", () => ctx.sync.request())
        .then((unsubscribe) => { stop = unsubscribe; if (stopped) { unsubscribe(); } })
        .catch(() => { /* offline: the sync's own triggers bring messages */ });
    return () => { stopped = true; stop(); };
}

/**
 * titleOf names a conversation: its subject, else the other participants.
 * @param {Record<string, any>} conv
 * @param {string} me
 * @param {Map<string, string>} who
 * @param {(k: string, p?: any) => string} t
 */
function titleOf(conv, me, who, t) {
    if (conv.subject) {
        return conv.subject;
    }
    const others = (conv.participants || []).filter((/** @type {string} */ p) => p !== me);
    return others.map((/** @type {string} */ p) => who.get(p) || t("conv.someone")).join(", ") || t("conv.alone");
}

/**
 * drawList lists my conversations, newest first, with their unread counts.
 * @param {HTMLElement} box
 * @param {string} me
 * @param {any} ctx
 */
async function drawList(box, me, ctx) {
    const t = ctx.t;
    const list = await myConversations(ctx.db, me);
    const who = await names(ctx.db, list.flatMap((s) => s.conv.participants || []));
    box.replaceChildren(h("h1", { tabindex: "-1" }, t("nav.messages")),
        list.length === 0 ? h("p", { class: "meta", "data-testid": "no-conversations" }, t("conv.none")) :
            h("ul", { class: "cards conversations" }, list.map(({ conv, unread, last }) =>
                h("li", { class: "card", "data-testid": "conversation-item", "data-id": conv.id, "data-unread": String(unread) },
                    h("a", { href: href("messages", conv.id) }, h("strong", {}, titleOf(conv, me, who, t))),
                    unread ? h("span", { class: "badge", "data-testid": "unread-count" }, String(unread)) : null,
                    unread ? h("span", { class: "visually-hidden" }, t("conv.unread", { count: unread })) : null,
                    last ? h("p", { class: "meta" }, last.text.slice(0, 120)) : null))));
}

/**
 * drawConversation shows one conversation and marks it read.
 * @param {HTMLElement} box
 * @param {string} id
 * @param {string} me
 * @param {any} ctx
 */
async function drawConversation(box, id, me, ctx) {
    const t = ctx.t;
    const conv = (await row(ctx.db, "conversations", id))?.view;
    if (!conv || !(conv.participants || []).includes(me)) {
        box.replaceChildren(h("h1", { tabindex: "-1" }, t("nav.messages")),
            h("p", { class: "notice", "data-testid": "conversation-not-found" }, t("conv.notFound")),
            h("a", { class: "button secondary", href: "#/messages" }, t("conv.back")));
        return;
    }
    const msgs = await messagesOf(ctx.db, id);
    const who = await names(ctx.db, [...(conv.participants || []), ...msgs.map((m) => m.author)]);
    const others = (conv.participants || []).filter((/** @type {string} */ p) => p !== me);
    const parts = layout(box, id, ctx); // the compose box stays while the rest redraws: a draft is never lost
    parts.head.replaceChildren(h("h1", { tabindex: "-1" }, titleOf(conv, me, who, t)),
        conv.offer ? h("p", {}, h("a", { href: href("i", "offers", conv.offer), "data-testid": "conversation-offer" }, t("conv.aboutOffer"))) : null,
        h("p", { class: "meta" }, t("conv.with", { names: others.map((p) => who.get(p) || t("conv.someone")).join(", ") || t("conv.alone") })));
    parts.list.replaceChildren(...msgs.map((m) => message(m, me, who, t)));
    parts.acts.replaceChildren(...await actions(conv, others, who, ctx));
    if (await markRead(ctx.db, id)) {
        ctx.sync.request();
    }
}

/**
 * layout returns the parts of a conversation's page, made once per page.
 * @param {HTMLElement} box
 * @param {string} id
 * @param {any} ctx
 * @returns {{head: HTMLElement, list: HTMLElement, acts: HTMLElement}}
 */
function layout(box, id, ctx) {
    const found = /** @type {any} */ (box).parts;
    if (found && box.contains(found.head)) {
        return found;
    }
    const parts = { head: h("div", {}), list: h("ol", { class: "messages", "data-testid": "messages", "aria-live": "polite" }), acts: h("div", { class: "actions" }) };
    box.replaceChildren(parts.head, parts.list, compose(id, ctx), parts.acts);
    /** @type {any} */ (box).parts = parts;
    return parts;
}

/**
 * message draws one message: who, when (or "not sent yet"), the text.
 * @param {Record<string, any>} m
 * @param {string} me
 * @param {Map<string, string>} who
 * @param {(k: string, p?: any) => string} t
 */
function message(m, me, who, t) {
    const mine = m.author === me;
    return h("li", { class: mine ? "message mine" : "message", "data-testid": "message", "data-id": m.id },
        h("p", { class: "meta" }, mine ? t("conv.me") : (who.get(m.author) || t("conv.someone")), " · ",
            m.created ? localDate(m.created, locale()) : h("span", { "data-testid": "message-pending" }, t("conv.pending"))),
        h("p", {}, m.text));
}

/**
 * compose is the box that writes a message through the outbox.
 * @param {string} id
 * @param {any} ctx
 */
function compose(id, ctx) {
    const t = ctx.t;
    const text = h("textarea", { id: "compose-text", name: "text", rows: "3", maxlength: "5000", required: true, "data-testid": "compose-text" });
    const form = h("form", { class: "compose", "data-testid": "compose" },
        h("label", { for: "compose-text" }, t("conv.write")), text,
        h("button", { type: "submit", "data-testid": "compose-send" }, t("conv.send")));
    form.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        const value = /** @type {HTMLTextAreaElement} */ (text).value;
        if (!value.trim()) {
            return;
        }
        await send(ctx.db, id, value);
        /** @type {HTMLTextAreaElement} */ (text).value = "";
        announce(navigator.onLine ? t("conv.sent") : t("conv.queued"));
        ctx.sync.request();
    });
    return form;
}

/**
 * actions are leaving the conversation and blocking (or unblocking) each other person.
 * @param {Record<string, any>} conv
 * @param {string[]} others
 * @param {Map<string, string>} who
 * @param {any} ctx
 */
async function actions(conv, others, who, ctx) {
    const t = ctx.t;
    const leaveButton = h("button", { type: "button", class: "secondary", "data-testid": "conversation-leave" }, t("conv.leave"));
    leaveButton.addEventListener("click", async () => {
        if (confirm(t("conv.leaveConfirm"))) {
            await leave(ctx.db, conv);
            ctx.sync.request();
            ctx.navigate("#/messages");
        }
    });
    const blocks = [];
    for (const p of others) {
        const mine = await blockOf(ctx.db, p);
        const name = who.get(p) || t("conv.someone");
        const b = h("button", { type: "button", class: "secondary", "data-testid": mine ? "conversation-unblock" : "conversation-block", "data-person": p },
            t(mine ? "conv.unblock" : "conv.block", { name }));
        b.addEventListener("click", async () => {
            if (mine) {
                await unblock(ctx.db, mine);
            } else if (confirm(t("conv.blockConfirm", { name }))) {
                await block(ctx.db, p);
            }
            ctx.sync.request();
        });
        blocks.push(b);
    }
    return [leaveButton, ...blocks];
}
