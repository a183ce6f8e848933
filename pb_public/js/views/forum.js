// @ts-check
// The forum: threads by theme (categories) or community (#/forum?theme=…&community=…), a
// thread's page with its comments (#/forum/<id>), and the form that opens one (#/forum/new).
// Everything reads IndexedDB and writes through the outbox, so it works offline.
import { categories, records } from "../data.js";
import { commentsSection, composer, byline, nameBook, save } from "../discussions.js";
import { render as richText } from "../markdown.js";
import { forumThreads } from "../threads.js";
import { field, h, showError } from "../ui/dom.js";
import { focusHeading, href } from "../ui/router.js";

/**
 * render draws the forum's list, a thread, or the new thread form.
 * @param {HTMLElement} main
 * @param {Record<string, string>} params
 * @param {any} ctx
 */
export async function render(main, params, ctx) {
    const draw = async () => {
        // A redraw on new data replaces the heading the router focused: keep the focus there.
        const headingFocused = document.activeElement === main.querySelector("h1");
        if (params.id === "new") {
            await newThread(main, ctx);
        } else if (params.id) {
            await thread(main, params.id, ctx, draw);
        } else {
            await list(main, params, ctx);
        }
        if (headingFocused) {
            focusHeading(main);
        }
    };
    await draw();
    if (params.id === "new") {
        return undefined; // a form being typed is never redrawn under the fingers
    }
    return ctx.onData((/** @type {string[]} */ what) => {
        return what.some((c) => c === "*" || c === "threads" || c === "comments") ? draw() : undefined;
    });
}

/**
 * groups returns the communities the device knows, by id, and those the user belongs to.
 * @param {any} ctx
 */
async function groups(ctx) {
    const me = ctx.user()?.id || "";
    const all = await records(ctx.db, "communities");
    const mine = new Set((await records(ctx.db, "memberships")).filter((m) => m.user === me).map((m) => m.community));
    return { all, mine: all.filter((c) => mine.has(c.id)) };
}

/**
 * list draws the threads passing the theme and community filters.
 * @param {HTMLElement} main
 * @param {Record<string, string>} params
 * @param {any} ctx
 */
async function list(main, params, ctx) {
    const t = ctx.t;
    const [threads, comments, cats, { all }] = await Promise.all([records(ctx.db, "threads"), records(ctx.db, "comments"),
        categories(ctx.db), groups(ctx)]);
    const filter = { theme: params.theme || "", community: params.community || "" };
    const shown = forumThreads(threads, comments, filter);
    const go = (/** @type {Record<string, string>} */ next) => {
        const q = new URLSearchParams(Object.entries({ ...filter, ...next }).filter(([, v]) => v));
        ctx.navigate("#/forum" + (q.size ? "?" + q : ""));
    };
    const topCats = [...cats.values()].filter((c) => !c.parent);
    main.replaceChildren(h("h1", {}, t("forum.title")), h("p", { class: "meta" }, t("forum.intro")),
        h("div", { class: "toolbar" },
            select("forum-theme", t("forum.theme"), [["", t("forum.all")], ...topCats.map((c) => [c.id, c.name])], filter.theme, (v) => go({ theme: v })),
            select("forum-community", t("forum.community"), [["", t("forum.all")], ["open", t("forum.open")], ...all.map((c) => [c.id, c.name])],
                filter.community, (v) => go({ community: v })),
            ctx.user() ? h("a", { class: "button", href: "#/forum/new", "data-testid": "forum-new" }, t("forum.new")) : null),
        shown.length ? h("ul", { class: "thread-list", "data-testid": "forum-threads" }, shown.map(({ thread: th, replies }) =>
            h("li", { "data-testid": "forum-thread", "data-id": th.id }, h("a", { href: href("forum", th.id) }, th.title),
                h("span", { class: "meta" }, " · " + t("forum.replies", { count: replies })),
                th.status === "pending" ? h("span", { class: "chip pending" }, t("discussions.pending")) : null)))
            : h("p", { class: "notice", "data-testid": "forum-empty" }, t("forum.empty")));
}

/**
 * select is a labelled select whose choice calls onChange.
 * @param {string} id
 * @param {string} label
 * @param {string[][]} options [value, label] pairs
 * @param {string} value
 * @param {(v: string) => void} onChange
 */
function select(id, label, options, value, onChange) {
    const el = h("select", { onchange: (/** @type {Event} */ ev) => onChange(/** @type {HTMLSelectElement} */ (ev.target).value) },
        options.map(([v, l]) => h("option", { value: v, selected: v === value }, l)));
    return field(id, label, el);
}

/**
 * thread draws one thread and its comments.
 * @param {HTMLElement} main
 * @param {string} id
 * @param {any} ctx
 * @param {() => Promise<void>} redraw
 */
async function thread(main, id, ctx, redraw) {
    const t = ctx.t;
    const th = (await records(ctx.db, "threads")).find((x) => x.id === id);
    if (!th) {
        main.replaceChildren(h("h1", {}, t("forum.title")), h("p", { class: "notice", "data-testid": "forum-not-found" }, t("forum.notFound")),
            h("a", { href: "#/forum", class: "button secondary" }, t("forum.back")));
        return;
    }
    const names = await nameBook(ctx);
    main.replaceChildren(h("article", { class: "detail", "data-testid": "thread", "data-id": id },
        h("p", { class: "meta" }, h("a", { href: "#/forum" }, t("forum.back"))),
        h("h1", { "data-testid": "thread-title" }, th.title), byline(th, names, t), richText(document, th.text),
        commentsSection("threads", id, await records(ctx.db, "comments"), names, ctx, redraw)));
}

/**
 * newThread draws the form that opens a thread about a theme, in a community or open to all.
 * @param {HTMLElement} main
 * @param {any} ctx
 */
async function newThread(main, ctx) {
    const t = ctx.t;
    if (!ctx.user()) {
        main.replaceChildren(h("h1", {}, t("forum.new")), h("p", { class: "notice" }, h("a", { href: "#/account" }, t("forum.signIn"))));
        return;
    }
    const [cats, { mine }] = await Promise.all([categories(ctx.db), groups(ctx)]);
    const title = h("input", { name: "title", maxlength: 200, "data-testid": "thread-new-title" });
    const theme = h("select", { name: "theme" }, h("option", { value: "" }, "—"),
        [...cats.values()].filter((c) => !c.parent).map((c) => h("option", { value: c.id }, c.name)));
    const group = h("select", { name: "community", "data-testid": "thread-new-community" }, h("option", { value: "" }, t("forum.open")),
        mine.map((c) => h("option", { value: c.id }, c.name)));
    const form = composer("thread-new-text", t("forum.fieldText"), t("forum.publish"), t, async (text) => {
        const name = /** @type {HTMLInputElement} */ (title).value.trim();
        showError(form, "thread-new-title", name ? "" : t("forum.titleRequired"));
        if (!name) {
            return;
        }
        const community = /** @type {HTMLSelectElement} */ (group).value;
        const category = /** @type {HTMLSelectElement} */ (theme).value;
        const id = await save(ctx, "threads", { title: name, text, categories: category ? [category] : [], community,
            visibility: community ? "community" : "public" }, async () => {});
        ctx.navigate(href("forum", id));
    });
    form.prepend(field("thread-new-title", t("forum.fieldTitle"), title), field("thread-new-theme", t("forum.theme"), theme),
        field("thread-new-community", t("forum.community"), group));
    main.replaceChildren(h("h1", {}, t("forum.new")), form);
}
