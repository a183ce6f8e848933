// The safe Markdown of comments, threads and news, and the pure helpers of comments and the
// forum (js/markdown.js, js/threads.js). A tiny document stands in for the browser's: the
// renderer only creates elements and text nodes, so what it builds can be read back whole.
import { test } from "node:test";
import assert from "node:assert/strict";
import { render, safeHref } from "../../pb_public/js/markdown.js";
import { commentsOf, forumThreads } from "../../pb_public/js/threads.js";

/** fakeDocument makes elements that keep their tag, attributes and children, and text nodes. */
function fakeDocument() {
    const el = (tag) => ({
        tag, attrs: {}, children: [], className: "",
        setAttribute(k, v) { this.attrs[k] = v; },
        appendChild(c) { this.children.push(c); return c; },
        set textContent(v) { this.children = [{ text: String(v) }]; },
    });
    return { createElement: el, createTextNode: (text) => ({ text }) };
}

/** show writes a built tree back as a string: <tag attr=…>children</tag>, text as is. */
function show(n) {
    if ("text" in n) {
        return n.text;
    }
    const attrs = Object.entries(n.attrs).map(([k, v]) => ` ${k}=${v}`).join("");
    return `<${n.tag}${attrs}>${n.children.map(show).join("")}</${n.tag}>`;
}

test("markdown: paragraphs, breaks, bold, italics, code, links and lists", () => {
    const out = show(render(fakeDocument(), "**Samedi** à *10 h*\nau `jardin`\n\n- pelles\n- [plan](https://example.org/plan)"));
    assert.equal(out, "<div><p><strong>Samedi</strong> à <em>10 h</em><br></br>au <code>jardin</code></p>" +
        "<ul><li>pelles</li><li><a href=https://example.org/plan rel=noopener nofollow ugc target=_blank>plan</a></li></ul></div>");
});

test("markdown: what a person types never becomes markup, and only web and mail links are made", () => {
    const out = show(render(fakeDocument(), "<img src=x onerror=alert(1)> [clic](javascript:alert(1)) [x](data:text/html,hi)"));
    assert.equal(out, "<div><p><img src=x onerror=alert(1)> [clic](javascript:alert(1)) [x](data:text/html,hi)</p></div>");
    assert.equal(safeHref("JavaScript:alert(1)"), "");
    assert.equal(safeHref("mailto:jardin@example.org"), "mailto:jardin@example.org");
    // negative control: the check above would see a link if one were made
    assert.match(show(render(fakeDocument(), "[ok](https://example.org)")), /<a href=https:\/\/example.org/);
});

test("comments: top comments with their replies, oldest first; a lost parent's reply stands alone", () => {
    const all = [
        { id: "b", collection: "events", recordId: "e1", created: "2026-12-02 10:00:00.000Z" },
        { id: "a", collection: "events", recordId: "e1", created: "2026-12-01 10:00:00.000Z" },
        { id: "r", collection: "events", recordId: "e1", parent: "a", created: "2026-12-03 10:00:00.000Z" },
        { id: "o", collection: "events", recordId: "e1", parent: "gone", created: "2026-12-04 10:00:00.000Z" },
        { id: "u", collection: "events", recordId: "e1" }, // not sent yet: last
        { id: "d", collection: "events", recordId: "e1", deleted: true, created: "2026-12-01 09:00:00.000Z" },
        { id: "x", collection: "offers", recordId: "e1", created: "2026-12-01 09:00:00.000Z" },
    ];
    const got = commentsOf(all, "events", "e1").map((th) => [th.top.id, th.replies.map((r) => r.id)]);
    assert.deepEqual(got, [["a", ["r"]], ["b", []], ["o", []], ["u", []]]);
});

test("forum: threads filtered by theme and community, the latest activity first", () => {
    const threads = [
        { id: "t1", categories: ["garden"], community: "", updated: "2026-12-01 10:00:00.000Z" },
        { id: "t2", categories: ["bikes"], community: "g", updated: "2026-12-02 10:00:00.000Z" },
        { id: "t3", categories: ["garden"], community: "g", updated: "2026-11-01 10:00:00.000Z" },
    ];
    const comments = [{ collection: "threads", recordId: "t3", created: "2026-12-03 10:00:00.000Z" }];
    const ids = (f) => forumThreads(threads, comments, f).map((x) => x.thread.id);
    assert.deepEqual(ids({}), ["t3", "t2", "t1"]);
    assert.deepEqual(ids({ theme: "garden" }), ["t3", "t1"]);
    assert.deepEqual(ids({ community: "g" }), ["t3", "t2"]);
    assert.deepEqual(ids({ community: "open" }), ["t1"]);
    assert.equal(forumThreads(threads, comments, {})[0].replies, 1);
});
