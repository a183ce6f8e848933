// @ts-check
// The moderation queue (#/moderation): the pending contributions a trusted member or a
// moderator may decide on (GET /api/maillage/moderation/queue), and for moderators the
// reported items, the pending suggestions and a link to the likely duplicates. A decision is a
// moderationVotes record queued in the outbox like any contribution, so it is taken offline too
// and sent at the next sync; the server applies it (README "Reports, moderation queue and
// community validation").
import { call, currentUser } from "../api.js";
import { enqueue, newId } from "../outbox.js";
import { announce, h } from "../ui/dom.js";
import { href } from "../ui/router.js";

/**
 * render draws the queue.
 * @param {HTMLElement} main
 * @param {Record<string, string>} params
 * @param {any} ctx
 */
export async function render(main, params, ctx) {
    const t = ctx.t;
    const body = h("div", { "data-testid": "moderation" });
    main.replaceChildren(h("h1", {}, t("mq.title")), h("p", { class: "meta" }, t("mq.intro")), body);
    if (!currentUser()) {
        body.replaceChildren(h("p", { class: "notice" }, t("mq.signIn")));
        return;
    }
    await draw(body, ctx);
}

/**
 * draw fetches the queue and shows its sections.
 * @param {HTMLElement} body
 * @param {any} ctx
 */
async function draw(body, ctx) {
    const t = ctx.t;
    if (!navigator.onLine) {
        body.replaceChildren(h("p", { class: "notice", "data-testid": "mq-offline" }, t("mq.offline")));
        return;
    }
    let q;
    try {
        q = await call("GET", "/api/maillage/moderation/queue");
    } catch (err) {
        body.replaceChildren(h("p", { class: "notice", role: "alert" }, t("common.error", { message: /** @type {Error} */ (err).message })));
        return;
    }
    if (!q.trusted) {
        body.replaceChildren(h("p", { class: "notice", "data-testid": "mq-not-trusted" }, t("mq.notTrusted")));
        return;
    }
    const sections = [section(t("mq.pending"), t("mq.pendingEmpty"), q.pending.map((/** @type {any} */ it) => pendingCard(it, ctx)), "mq-pending")];
    if (q.moderator) {
        sections.push(section(t("mq.reported"), t("mq.reportedEmpty"), q.reported.map((/** @type {any} */ it) => reportedCard(it, ctx)), "mq-reported"));
        sections.push(section(t("mq.suggestions"), t("mq.suggestionsEmpty"), await suggestionCards(ctx), "mq-suggestions"));
        sections.push(h("p", {}, h("a", { href: "#/duplicates", "data-testid": "mq-duplicates" }, t("mq.duplicates"))));
    }
    body.replaceChildren(...sections);
}

/**
 * section is a heading and its cards, or a line saying there is nothing.
 * @param {string} title
 * @param {string} empty
 * @param {HTMLElement[]} cards
 * @param {string} testid
 */
function section(title, empty, cards, testid) {
    return h("section", { "data-testid": testid }, h("h2", {}, title),
        cards.length ? h("ul", { class: "cards" }, cards) : h("p", { class: "meta" }, empty));
}

/**
 * pendingCard: a pending contribution, its votes so far and the validate/refuse decision.
 * @param {any} it
 * @param {any} ctx
 */
function pendingCard(it, ctx) {
    const t = ctx.t;
    const mine = it.myVote ? h("p", { class: "meta" }, t("mq.myVote", { vote: t("mq.vote." + it.myVote) })) : "";
    return h("li", { class: "card", "data-testid": "mq-item", "data-id": it.id },
        h("h3", {}, t("kind." + it.collection), " · ", h("a", { href: href("i", it.collection, it.id) }, it.title)),
        h("p", { class: "meta" }, t("mq.votes", { validate: it.votes.validate, refuse: it.votes.refuse })), mine,
        it.myVote ? "" : decide(it, ctx, "mq.validate", "mq.refuse"));
}

/**
 * reportedCard: a reported item as its reporters saw it, their reasons and keep/remove.
 * @param {any} it
 * @param {any} ctx
 */
function reportedCard(it, ctx) {
    const t = ctx.t;
    const title = it.collection === "messages" ? h("span", {}, it.excerpt) : h("a", { href: href("i", it.collection, it.id) }, it.excerpt || it.id);
    return h("li", { class: "card", "data-testid": "mq-reported-item", "data-id": it.id },
        h("h3", {}, t("kind." + it.collection), " · ", title, it.hidden ? h("span", { class: "badge" }, " ", t("mq.hidden")) : ""),
        h("p", { class: "meta" }, t("mq.reasons", { reasons: it.reasons.join(" ; ") })),
        decide(it, ctx, "mq.keep", "mq.remove"));
}

/**
 * suggestionCards lists the pending suggestions (the suggestions collection, when there is
 * one), each linked to its record where the author or a moderator decides on it.
 * @param {any} ctx
 */
async function suggestionCards(ctx) {
    try {
        const page = await call("GET", '/api/collections/suggestions/records?perPage=50&filter=' + encodeURIComponent('status="pending"'));
        return page.items.map((/** @type {any} */ s) => h("li", { class: "card", "data-testid": "mq-suggestion" },
            h("a", { href: href("i", s.collection, s.recordId) }, ctx.t("kind." + s.collection) + " · " + (s.comment || s.recordId))));
    } catch {
        return [];
    }
}

/**
 * decide draws the reason field and the two decision buttons of an item; a decision is queued
 * in the outbox as a moderationVotes record.
 * @param {any} it
 * @param {any} ctx
 * @param {string} yes
 * @param {string} no
 */
function decide(it, ctx, yes, no) {
    const t = ctx.t;
    const reason = h("input", { type: "text", maxlength: "1000", "data-testid": "mq-reason" });
    const send = (/** @type {string} */ vote) => async () => {
        await enqueue(ctx.db, { c: "moderationVotes", id: newId(), op: "create",
            fields: { collection: it.collection, recordId: it.id, voter: currentUser()?.id, vote, reason: /** @type {HTMLInputElement} */ (reason).value } });
        ctx.sync.request();
        announce(t("mq.queued"));
        box.replaceChildren(h("p", { class: "ok", role: "status", "data-testid": "mq-queued" }, t("mq.queued")));
    };
    const box = h("div", {},
        h("label", {}, t("mq.reason"), " ", reason),
        h("div", { class: "toolbar" },
            h("button", { type: "button", "data-testid": "mq-yes", onclick: send("validate") }, t(yes)),
            h("button", { type: "button", class: "secondary", "data-testid": "mq-no", onclick: send("refuse") }, t(no))));
    return box;
}
