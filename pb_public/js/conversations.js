// @ts-check
// Conversations and messages on the device: what the messages view and the unread badge read
// (the synced collections conversations, messages, conversationReads and blocks), and the
// changes they make through the outbox, so that everything works offline and is sent on
// reconnect. No DOM here. Other modules open a conversation about an offer with
// openConversationAbout (the offer's "I'm interested").
import { call, currentUser } from "./api.js";
import { getMeta, row, setMeta } from "./db.js";
import { invalidate, records } from "./data.js";
import { emit } from "./session.js";
import { enqueue, enqueueAll, newId } from "./outbox.js";

/** The synced collections this module reads and writes. */
export const COLLECTIONS = ["conversations", "messages", "conversationReads", "blocks"];

/**
 * @typedef {Record<string, any>} Rec
 * @typedef {{conv: Rec, unread: number, last: Rec|null}} Summary
 */

/**
 * myConversations lists the conversations I take part in, newest activity first, each with
 * its unread count and last message.
 * @param {IDBDatabase} db
 * @param {string} me
 * @returns {Promise<Summary[]>}
 */
export async function myConversations(db, me) {
    const [convs, msgs, reads] = await Promise.all(["conversations", "messages", "conversationReads"].map((c) => records(db, c)));
    const lastRead = new Map(reads.filter((r) => r.user === me).map((r) => [r.conversation, r.lastRead || ""]));
    return convs.filter((c) => (c.participants || []).includes(me))
        .map((conv) => {
            const own = inOrder(msgs.filter((m) => m.conversation === conv.id));
            return { conv, unread: unreadIn(own, me, lastRead.get(conv.id) || ""), last: own[own.length - 1] || null };
        })
        .sort((a, b) => activity(b).localeCompare(activity(a)));
}

/**
 * unreadIn counts the messages of others written after lastRead (a server time; "" = never read).
 * @param {Rec[]} msgs
 * @param {string} me
 * @param {string} lastRead
 */
export function unreadIn(msgs, me, lastRead) {
    return msgs.filter((m) => m.author !== me && m.created && m.created > lastRead).length;
}

/**
 * totalUnread is the number of unread messages over all my conversations (the nav badge).
 * @param {IDBDatabase} db
 * @param {string} me
 */
export async function totalUnread(db, me) {
    return (await myConversations(db, me)).reduce((n, s) => n + s.unread, 0);
}

/** @param {Summary} s */
function activity(s) {
    return (s.last && (s.last.created || "~")) || s.conv.updated || s.conv.created || "~";
}

/**
 * inOrder sorts messages by server time; those not sent yet (no time) come last.
 * @param {Rec[]} msgs
 */
export function inOrder(msgs) {
    return [...msgs].sort((a, b) => (a.created || "~").localeCompare(b.created || "~"));
}

/**
 * messagesOf returns a conversation's messages in order.
 * @param {IDBDatabase} db
 * @param {string} conversation
 */
export async function messagesOf(db, conversation) {
    return inOrder((await records(db, "messages")).filter((m) => m.conversation === conversation));
}

/**
 * changed tells the views that conversation data changed on this device, and asks for a sync.
 * @param {IDBDatabase} db
 */
function changed(db) {
    invalidate(db, COLLECTIONS);
    emit("data", COLLECTIONS);
}

/**
 * me returns the signed-in user's id, or throws.
 */
function me() {
    const user = currentUser();
    if (!user) {
        throw new Error("sign in to write messages");
    }
    return user.id;
}

/**
 * openConversation creates a conversation of me and others through the outbox (a first message
 * too when text is given) and returns its id.
 * @param {IDBDatabase} db
 * @param {string[]} others
 * @param {{offer?: string, subject?: string, text?: string}} [opts]
 */
export async function openConversation(db, others, opts = {}) {
    const author = me();
    const id = newId();
    const fields = { participants: [author, ...others.filter((o) => o !== author)], author,
        offer: opts.offer || "", subject: (opts.subject || "").slice(0, 200) };
    const changes = [{ c: "conversations", id, op: /** @type {const} */ ("create"), fields }];
    if (opts.text && opts.text.trim()) {
        changes.push(messageChange(id, author, opts.text));
    }
    await enqueueAll(db, changes);
    changed(db);
    return id;
}

/**
 * openConversationAbout finds my conversation with the offer's author about this offer (in
 * the local synced data), or creates one through the outbox (works offline), with a first
 * message when opts.text is given; then navigates to "#/messages/<id>" (unless opts.navigate
 * is false). Returns the conversation id. Throws if signed out or if I am the offer's author.
 * @param {IDBDatabase} db
 * @param {{id: string, author: string, title?: string}} offer
 * @param {{text?: string, navigate?: boolean}} [opts]
 * @returns {Promise<string>}
 */
export async function openConversationAbout(db, offer, opts = {}) {
    const self = me();
    if (offer.author === self) {
        throw new Error("this is your own offer");
    }
    const existing = (await myConversations(db, self)).find(({ conv }) =>
        conv.offer === offer.id && (conv.participants || []).includes(offer.author));
    let id = existing ? existing.conv.id : "";
    if (id && opts.text && opts.text.trim()) {
        await send(db, id, opts.text);
    } else if (!id) {
        id = await openConversation(db, [offer.author], { offer: offer.id, subject: offer.title || "", text: opts.text });
    }
    if (opts.navigate !== false && typeof location !== "undefined") {
        location.hash = "#/messages/" + encodeURIComponent(id);
    }
    return id;
}

/**
 * messageChange is the outbox change of a new message.
 * @param {string} conversation
 * @param {string} author
 * @param {string} text
 */
function messageChange(conversation, author, text) {
    return { c: "messages", id: newId(), op: /** @type {const} */ ("create"), fields: { conversation, author, text: text.trim() } };
}

/**
 * send writes a message in a conversation through the outbox.
 * @param {IDBDatabase} db
 * @param {string} conversation
 * @param {string} text
 */
export async function send(db, conversation, text) {
    const m = await enqueue(db, messageChange(conversation, me(), text));
    changed(db);
    return m;
}

/**
 * readId is the id of my read marker of a conversation, the same on every device (so that two
 * devices write one row): 15 characters of a SHA-256 of both ids.
 * @param {string} conversation
 * @param {string} user
 */
export async function readId(conversation, user) {
    const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(conversation + ":" + user)));
    const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    return Array.from(bytes.slice(0, 15), (b) => alphabet[b % alphabet.length]).join("");
}

/**
 * markRead moves my read marker of a conversation to its newest message (a server time), when
 * that is later than the marker.
 * @param {IDBDatabase} db
 * @param {string} conversation
 */
export async function markRead(db, conversation) {
    const user = me();
    const newest = (await messagesOf(db, conversation)).reduce((t, m) => (m.created && m.created > t ? m.created : t), "");
    const id = await readId(conversation, user);
    const current = (await row(db, "conversationReads", id))?.view;
    if (!newest || (current && (current.lastRead || "") >= newest)) {
        return false;
    }
    await enqueue(db, current
        ? { c: "conversationReads", id, op: "update", fields: { lastRead: newest } }
        : { c: "conversationReads", id, op: "create", fields: { conversation, user, lastRead: newest } });
    changed(db);
    return true;
}

/**
 * leave takes me out of a conversation: I no longer read it, the others stay.
 * @param {IDBDatabase} db
 * @param {Rec} conv
 */
export async function leave(db, conv) {
    const self = me();
    await enqueue(db, { c: "conversations", id: conv.id, op: "update",
        fields: { participants: (conv.participants || []).filter((/** @type {string} */ p) => p !== self) } });
    changed(db);
}

/**
 * blockOf returns my block of person, or undefined.
 * @param {IDBDatabase} db
 * @param {string} person
 */
export async function blockOf(db, person) {
    const self = me();
    return (await records(db, "blocks")).find((b) => b.author === self && b.blocked === person);
}

/**
 * block stops person from writing to me; unblock lets them again.
 * @param {IDBDatabase} db
 * @param {string} person
 */
export async function block(db, person) {
    await enqueue(db, { c: "blocks", id: newId(), op: "create", fields: { author: me(), blocked: person } });
    changed(db);
}

/**
 * @param {IDBDatabase} db
 * @param {Rec} b the block
 */
export async function unblock(db, b) {
    await enqueue(db, { c: "blocks", id: b.id, op: "delete" });
    changed(db);
}

/**
 * names returns the display names of people (id → name), asked from the server when online
 * and kept for offline; people whose profile is not shown to me have none.
 * @param {IDBDatabase} db
 * @param {string[]} ids
 * @returns {Promise<Map<string, string>>}
 */
export async function names(db, ids) {
    const known = new Map(Object.entries(await getMeta(db, "conversationNames", {})));
    const missing = [...new Set(ids)].filter((id) => id && !known.has(id));
    if (missing.length && typeof navigator !== "undefined" && navigator.onLine) {
        try {
            const filter = missing.map((id) => `id="${id}"`).join("||");
            const res = await call("GET", "/api/collections/users/records?perPage=100&fields=id,name&filter=" + encodeURIComponent(filter));
            (res.items || []).forEach((/** @type {Rec} */ u) => known.set(u.id, u.name || ""));
            await setMeta(db, "conversationNames", Object.fromEntries(known));
        } catch {
            // Offline after all: the names come next time.
        }
    }
    return known;
}
