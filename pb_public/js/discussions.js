// @ts-check
// Comments under a record (initiative, event, offer, organisation or forum thread), with
// replies one level deep, and an organisation's news: read from IndexedDB, written offline
// through the outbox (a comment typed in the street is kept on the device and sent when the
// network comes back). Text is shown through markdown.js, never as HTML.
import { getMeta } from "./db.js";
import { invalidate, records } from "./data.js";
import { locale } from "./i18n.js";
import { render as richText } from "./markdown.js";
import { enqueue, newId } from "./outbox.js";
import { commentsOf } from "./threads.js";
import { announce, field, h, localDate, showError } from "./ui/dom.js";

/**
 * discussionsFor draws what people say about record rec of collection c: its organisation's
 * news (for an organisation) and its comments. The section draws itself again when comments
 * or posts change, on this device or through sync, while it is on the page.
 * @param {string} c
 * @param {Record<string, any>} rec
 * @param {any} ctx the view context (db, t, user, sync, onData)
 * @param {{closed?: string}} [opts] closed: the record takes no more comments (read-only), with
 *   this note in place of the forms (a proposal after its consultation)
 * @returns {Promise<HTMLElement>}
 */
export async function discussionsFor(c, rec, ctx, opts = {}) {
    const box = h("div", { class: "discussions", "data-testid": "discussions" });
    const draw = async () => {
        box.replaceChildren(...await sections(c, rec, ctx, draw, opts.closed));
    };
    await draw();
    const stop = ctx.onData((/** @type {string[]} */ what) => {
        if (!box.isConnected) {
            stop();
        } else if (what.some((x) => x === "*" || x === "comments" || x === "posts")) {
            return draw();
        }
        return undefined;
    });
    return box;
}

/**
 * sections returns the news (organisations only) and comments sections.
 * @param {string} c
 * @param {Record<string, any>} rec
 * @param {any} ctx
 * @param {() => Promise<void>} redraw
 * @param {string} [closed] the note of a record that takes no more comments
 */
async function sections(c, rec, ctx, redraw, closed) {
    const names = await nameBook(ctx);
    const out = [];
    if (c === "organisations") {
        out.push(postsSection(rec, await records(ctx.db, "posts"), names, ctx, redraw));
    }
    out.push(commentsSection(c, rec.id, await records(ctx.db, "comments"), names, ctx, redraw, closed));
    return out;
}

/**
 * nameBook returns who wrote something: "You", a public profile's name kept on the device, or
 * "A neighbour".
 * @param {any} ctx
 * @returns {Promise<(id: string) => string>}
 */
export async function nameBook(ctx) {
    const me = ctx.user()?.id || "";
    const kept = /** @type {Array<Record<string, any>>} */ (await getMeta(ctx.db, "profiles", []));
    const byId = new Map(kept.map((p) => [p.id, p.name]));
    return (id) => (id && id === me ? ctx.t("discussions.you") : byId.get(id) || ctx.t("discussions.someone"));
}

/**
 * commentsSection lists the comments of c/id and the form to add one.
 * @param {string} c
 * @param {string} id
 * @param {Array<Record<string, any>>} all
 * @param {(id: string) => string} names
 * @param {any} ctx
 * @param {() => Promise<void>} redraw
 * @param {string} [closed] when set, no forms: this note instead (read-only comments)
 */
export function commentsSection(c, id, all, names, ctx, redraw, closed) {
    const t = ctx.t;
    const threads = commentsOf(all, c, id);
    const user = closed ? null : ctx.user();
    const send = (/** @type {string} */ parent) => (/** @type {string} */ text) =>
        save(ctx, "comments", { collection: c, recordId: id, parent, text }, redraw);
    return h("section", { class: "comments", "data-testid": "comments" },
        h("h2", {}, t("comments.title")),
        threads.length ? h("ol", { class: "comment-list" }, threads.map((th) => h("li", {},
            comment(th.top, names, t),
            th.replies.length ? h("ol", { class: "replies" }, th.replies.map((r) => h("li", {}, comment(r, names, t)))) : null,
            user ? replyBox(th.top.id, t, send(th.top.id)) : null))) : h("p", { class: "meta" }, t("comments.none")),
        closed ? h("p", { class: "meta", "data-testid": "comments-closed" }, closed)
            : user ? composer("comment-new", t("comments.write"), t("comments.send"), t, send(""))
                : h("p", { class: "meta" }, h("a", { href: "#/account" }, t("comments.signIn"))));
}

/**
 * comment draws one comment: who, when, its state and its text.
 * @param {Record<string, any>} x
 * @param {(id: string) => string} names
 * @param {(k: string, p?: any) => string} t
 */
function comment(x, names, t) {
    return h("article", { class: "comment", "data-testid": "comment", "data-id": x.id },
        byline(x, names, t), richText(document, x.text));
}

/**
 * byline writes who wrote x and when, and whether it waits for moderation or for the network.
 * @param {Record<string, any>} x
 * @param {(id: string) => string} names
 * @param {(k: string, p?: any) => string} t
 */
export function byline(x, names, t) {
    return h("p", { class: "meta" }, names(x.author), x.created ? " · " + localDate(x.created, locale()) : "",
        x.created ? null : h("span", { class: "chip pending", "data-testid": "unsent" }, t("discussions.unsent")),
        x.status === "pending" ? h("span", { class: "chip pending" }, t("discussions.pending")) : null);
}

/**
 * replyBox is the "Reply" button that opens the reply form of a top comment.
 * @param {string} topId
 * @param {(k: string, p?: any) => string} t
 * @param {(text: string) => Promise<void>} send
 */
function replyBox(topId, t, send) {
    const box = h("div", { class: "reply-box" });
    const open = h("button", { type: "button", class: "secondary", "data-testid": "comment-reply", onclick: () => {
        box.replaceChildren(composer("reply-" + topId, t("comments.replyLabel"), t("comments.sendReply"), t, send));
        /** @type {HTMLElement|null} */ (box.querySelector("textarea"))?.focus();
    } }, t("comments.reply"));
    box.appendChild(open);
    return box;
}

/**
 * composer is a text form: its text goes to send, once not empty.
 * @param {string} id the textarea's id
 * @param {string} label
 * @param {string} action the button's label
 * @param {(k: string, p?: any) => string} t
 * @param {(text: string) => Promise<void>} send
 */
export function composer(id, label, action, t, send) {
    const text = h("textarea", { name: "text", maxlength: 5000, rows: 3, "data-testid": id });
    const form = h("form", { class: "composer", onsubmit: async (/** @type {Event} */ ev) => {
        ev.preventDefault();
        const value = /** @type {HTMLTextAreaElement} */ (text).value.trim();
        showError(form, id, value ? "" : t("discussions.empty"));
        if (value) {
            await send(value);
        }
    } }, field(id, label, text), h("p", { class: "meta" }, t("discussions.hint")),
    h("button", { type: "submit", "data-testid": id + "-send" }, action));
    return form;
}

/**
 * postsSection lists an organisation's news, newest first, and lets its members publish.
 * @param {Record<string, any>} org
 * @param {Array<Record<string, any>>} all
 * @param {(id: string) => string} names
 * @param {any} ctx
 * @param {() => Promise<void>} redraw
 */
function postsSection(org, all, names, ctx, redraw) {
    const t = ctx.t;
    const user = ctx.user();
    const list = all.filter((p) => p.organisation === org.id).sort((a, b) => String(b.created || "\uffff").localeCompare(String(a.created || "\uffff")));
    const mayPost = user && ((org.members || []).includes(user.id) || user.role === "moderator");
    return h("section", { class: "posts", "data-testid": "posts" }, h("h2", {}, t("posts.title")),
        list.length ? list.map((p) => h("article", { class: "post", "data-testid": "post", "data-id": p.id },
            h("h3", {}, p.title), byline(p, names, t), richText(document, p.text))) : h("p", { class: "meta" }, t("posts.none")),
        mayPost ? postForm(org.id, ctx, redraw) : null);
}

/**
 * postForm is the form that publishes news of organisation orgId.
 * @param {string} orgId
 * @param {any} ctx
 * @param {() => Promise<void>} redraw
 */
function postForm(orgId, ctx, redraw) {
    const t = ctx.t;
    const title = h("input", { name: "title", maxlength: 200, "data-testid": "post-title" });
    const form = composer("post-text", t("posts.fieldText"), t("posts.publish"), t, async (text) => {
        const value = /** @type {HTMLInputElement} */ (title).value.trim();
        showError(form, "post-title", value ? "" : t("forum.titleRequired"));
        if (value) {
            await save(ctx, "posts", { organisation: orgId, title: value, text, visibility: "public" }, redraw);
        }
    });
    form.prepend(field("post-title", t("posts.fieldTitle"), title));
    return h("details", { class: "post-new" }, h("summary", {}, t("posts.new")), form);
}

/**
 * save writes a new record of collection c by the signed-in user to the device and its outbox,
 * asks for a sync, and draws again.
 * @param {any} ctx
 * @param {string} c
 * @param {Record<string, any>} fields
 * @param {() => Promise<void>} redraw
 */
export async function save(ctx, c, fields, redraw) {
    const id = newId();
    await enqueue(ctx.db, { c, id, op: "create", fields: { ...fields, author: ctx.user().id } });
    invalidate(ctx.db, [c]);
    ctx.sync.request();
    announce(ctx.t("form.saved"));
    await redraw();
    return id;
}
