// The wiki's Markdown and its pure helpers (js/wiki-markdown.js, js/wiki.js). A tiny document
// stands in for the browser's: the renderer only creates elements and text nodes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { render, wikiHref } from "../../pb_public/js/wiki-markdown.js";
import { findPage, imageName, pagesAbout, searchPages } from "../../pb_public/js/wiki.js";

/** fakeDocument makes elements that keep their tag, attributes and children, and text nodes. */
function fakeDocument() {
    const el = (tag) => ({
        tag, attrs: {}, children: [], className: "",
        get childNodes() { return this.children; },
        setAttribute(k, v) { this.attrs[k] = v; },
        appendChild(c) { this.children.push(c); return c; },
        append(...cs) { this.children.push(...cs); },
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

test("wiki markdown: headings, lists, quotes, code, links to the app and the page's images", () => {
    const src = "# Composter\n\nIl faut **trois** bacs.\n\n1. Demander\n2. Voir [le jardin](#/i/initiatives/abc)\n\n" +
        "> Patience\n\n```\n<b>x</b>\n```\n\n![Le bac](1) ![ailleurs](https://evil.example/x.png)";
    const out = show(render(fakeDocument(), src, { imageSrc: (ref) => (ref === "1" ? "/api/files/pages/p/bac.jpg" : "") }));
    assert.equal(out, "<div><h2>Composter</h2><p>Il faut <strong>trois</strong> bacs.</p>" +
        "<ol><li>Demander</li><li>Voir <a href=#/i/initiatives/abc>le jardin</a></li></ol>" +
        "<blockquote><p>Patience</p></blockquote><pre><code><b>x</b></code></pre>" +
        "<p><img src=/api/files/pages/p/bac.jpg alt=Le bac></img> [ailleurs]</p></div>");
});

test("wiki markdown: typed HTML stays text, escapes are undone, unsafe links are refused", () => {
    const out = show(render(fakeDocument(), "Voir \\<script>alert(1)\\</script> [clic](javascript:alert(1)) <img src=x onerror=alert(1)>"));
    assert.equal(out, "<div><p>Voir <script>alert(1)</script> [clic](javascript:alert(1)) <img src=x onerror=alert(1)></p></div>");
    assert.equal(wikiHref("JavaScript:alert(1)"), "");
    assert.equal(wikiHref("#/wiki/compost"), "#/wiki/compost");
    // negative control: a safe link does become an element
    assert.match(show(render(fakeDocument(), "[ok](https://example.org)")), /<a href=https:\/\/example.org rel=/);
});

test("wiki: pages found by slug or id, searched without accents, listed for a record", () => {
    const pages = [
        { id: "p1", slug: "reparer-son-velo", title: "Réparer son vélo", body: "Une clé de 15", initiatives: ["i1"] },
        { id: "p2", slug: "composter", title: "Composter", summary: "Bacs et vélo-cargo", body: "", initiatives: [] },
        { id: "p3", title: "Pas encore envoyée", body: "écrit hors ligne", initiatives: ["i1"] },
    ];
    assert.equal(findPage(pages, "composter")?.id, "p2");
    assert.equal(findPage(pages, "p3")?.id, "p3");
    assert.deepEqual(searchPages(pages, "velo").map((p) => p.id), ["p1", "p2"]);
    assert.deepEqual(searchPages(pages, "hors lig").map((p) => p.id), ["p3"]);
    assert.deepEqual(searchPages(pages, "rien").map((p) => p.id), []);
    assert.deepEqual(pagesAbout(pages, "initiatives", "i1").map((p) => p.id), ["p3", "p1"]);
    assert.equal(imageName(["a.jpg", "b.jpg"], "2"), "b.jpg");
    assert.equal(imageName(["a.jpg"], "c.jpg"), "");
});
