// @ts-check
// The moderation queue (#/moderation): the pending contributions a trusted member or a
// moderator may decide on (GET /api/maillage/moderation/queue), and for moderators the
// reported items, the pending suggestions and a link to the likely duplicates. A decision is a
// moderationVotes record queued in the outbox like any contribution, so it is taken offline too
// and sent at the next sync; the server applies it (README "Reports, moderation queue and
// community validation"). The last queue loaded is kept on the device (its own database), so
// that the view is usable offline; the pending suggestions are read from the synced data.
import { call, currentUser } from "../api.js";
import { getMeta, setMeta, views } from "../db.js";
import { locale } from "../i18n.js";
import { enqueue, newId } from "../outbox.js";
import { announce, h, localDate } from "../ui/dom.js";
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
    const loaded = await loadQueue(body, ctx);
    if (!loaded) {
        return;
    }
    const q = loaded.q;
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
    body.replaceChildren(...(loaded.kept ? [h("p", { class: "notice", "data-testid": "mq-kept" },
        t("mq.offlineKept", { at: localDate(loaded.at, locale()) }))] : []), ...sections);
}

const KEPT = "moderationQueue";

/**
 * loadQueue fetches the queue and keeps it on the device; offline it returns the one kept
 * (kept: true), or draws the offline notice and returns null when there is none.
 * @param {HTMLElement} body
 * @param {any} ctx
 * @returns {Promise<{q: any, at: string, kept: boolean}|null>}
 */
async function loadQueue(body, ctx) {
    const t = ctx.t;
    if (navigator.onLine) {
        try {
            const q = await call("GET", "/api/maillage/moderation/queue");
            const at = new Date().toISOString();
            await setMeta(ctx.db, KEPT, { q, at });
            return { q, at, kept: false };
        } catch (err) {
            body.replaceChildren(h("p", { class: "notice", role: "alert" }, t("common.error", { message: /** @type {Error} */ (err).message })));
            return null;
        }
    }
    const kept = await getMeta(ctx.db, KEPT);
    if (!kept) {
        body.replaceChildren(h("p", { class: "notice", "data-testid": "mq-offline" }, t("mq.offline")));
        return null;
    }
    return { ...kept, kept: true };
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
 * itemHref is the address of record id of collection c: a wiki page opens in the wiki.
 * @param {string} c
 * @param {string} id
 */
function itemHref(c, id) {
    return c === "pages" ? href("wiki", id) : href("i", c, id);
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
        h("h3", {}, t("kind." + it.collection), " · ", h("a", { href: itemHref(it.collection, it.id) }, it.title)),
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
    const title = it.collection === "messages" ? h("span", {}, it.excerpt) : h("a", { href: itemHref(it.collection, it.id) }, it.excerpt || it.id);
    return h("li", { class: "card", "data-testid": "mq-reported-item", "data-id": it.id },
        h("h3", {}, t("kind." + it.collection), " · ", title, it.hidden ? h("span", { class: "badge" }, " ", t("mq.hidden")) : ""),
        h("p", { class: "meta" }, t("mq.reasons", { reasons: it.reasons.join(" ; ") })),
        decide(it, ctx, "mq.keep", "mq.remove"));
}

/**
 * suggestionCards lists the pending suggestions of the device's synced data (offline too), each
 * linked to its record where the author or a moderator decides on it (queued in the outbox when
 * offline).
 * @param {any} ctx
 */
async function suggestionCards(ctx) {
    const pending = (await views(ctx.db, "suggestions")).filter((s) => s.status === "pending").slice(0, 50);
    return pending.map((s) => h("li", { class: "card", "data-testid": "mq-suggestion", "data-id": s.id },
        h("a", { href: href("i", s.collection, s.recordId) }, ctx.t("kind." + s.collection) + " · " + (s.comment || s.recordId))));
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
