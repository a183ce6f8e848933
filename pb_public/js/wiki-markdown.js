// @ts-check
// The wiki's Markdown, drawn safely: headings, paragraphs, lists, quotes, code blocks, rules,
// **bold**, *italics*, `code`, links and the page's own images. It builds DOM nodes from text
// nodes only, never HTML, so nothing typed can become markup (the server already escapes any
// raw HTML, knowledge/sanitise.go). Links keep http(s), mailto, tel and the app's own "#/…"
// addresses; an image shows only when it is one of the page's images (by file name, or by
// number: ![plan](1)), so a page never loads anything from elsewhere.

const INLINE = /(\\[!-/:-@[-`{-~]|!\[[^\]\n]*\]\([^)\s]+\)|\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*|\*[^*\n]+\*|`[^`\n]+`)/;

/**
 * wikiHref returns url when a page may link to it, "" otherwise.
 * @param {string} url
 */
export function wikiHref(url) {
    return /^(https?:\/\/|mailto:|tel:)[^\s"<>]+$/i.test(url) || /^#\/[^\s"<>]*$/.test(url) ? url : "";
}

/**
 * @typedef {{imageSrc?: (name: string) => string}} Options imageSrc gives the address of one
 * of the page's images by the name or number written in the text, "" when it is none of them
 */

/**
 * inline turns a line into text, strong, em, code, link and image nodes.
 * @param {Document} doc
 * @param {string} line
 * @param {Options} opts
 * @returns {Node[]}
 */
export function inline(doc, line, opts) {
    return line.split(INLINE).filter((part) => part !== "").map((part) => {
        if (/^\\.$/.test(part)) {
            return doc.createTextNode(part.slice(1));
        }
        const img = /^!\[(.*)\]\((.+)\)$/.exec(part);
        if (img) {
            return image(doc, img[1], img[2], opts);
        }
        const link = /^\[(.+)\]\((.+)\)$/.exec(part);
        if (link) {
            return anchor(doc, link[1], link[2], opts);
        }
        if (/^\*\*.+\*\*$/.test(part)) {
            return wrap(doc, "strong", inline(doc, part.slice(2, -2), opts));
        }
        if (/^\*.+\*$/.test(part)) {
            return wrap(doc, "em", inline(doc, part.slice(1, -1), opts));
        }
        if (/^`.+`$/.test(part)) {
            return wrap(doc, "code", [doc.createTextNode(part.slice(1, -1))]);
        }
        return doc.createTextNode(part);
    });
}

/**
 * wrap makes an element holding nodes.
 * @param {Document} doc
 * @param {string} tag
 * @param {Node[]} nodes
 */
function wrap(doc, tag, nodes) {
    const el = doc.createElement(tag);
    el.append(...nodes);
    return el;
}

/**
 * anchor makes a link (outside links open in a new tab), or plain text for an address refused.
 * @param {Document} doc
 * @param {string} text
 * @param {string} url
 * @param {Options} opts
 */
function anchor(doc, text, url, opts) {
    const href = wikiHref(url);
    if (!href) {
        return doc.createTextNode(`[${text}](${url})`);
    }
    const a = wrap(doc, "a", inline(doc, text, opts));
    a.setAttribute("href", href);
    if (!href.startsWith("#/")) {
        a.setAttribute("rel", "noopener nofollow ugc");
        a.setAttribute("target", "_blank");
    }
    return a;
}

/**
 * image draws one of the page's images, or its description when it is not one of them.
 * @param {Document} doc
 * @param {string} alt
 * @param {string} name
 * @param {Options} opts
 */
function image(doc, alt, name, opts) {
    const src = opts.imageSrc ? opts.imageSrc(name) : "";
    if (!src) {
        return doc.createTextNode(alt ? `[${alt}]` : "");
    }
    const img = doc.createElement("img");
    img.setAttribute("src", src);
    img.setAttribute("alt", alt);
    return img;
}

/**
 * render turns a page's Markdown into a div of blocks.
 * @param {Document} doc
 * @param {string} text
 * @param {Options} [opts]
 * @returns {HTMLElement}
 */
export function render(doc, text, opts = {}) {
    const out = doc.createElement("div");
    out.className = "rich-text wiki-text";
    const lines = String(text || "").replace(/\r\n?/g, "\n").split("\n");
    for (let i = 0; i < lines.length;) {
        const [node, next] = block(doc, lines, i, opts);
        if (node) {
            out.appendChild(node);
        }
        i = next;
    }
    return out;
}

/**
 * block reads the block starting at line i and returns its node and the next line's index.
 * @param {Document} doc
 * @param {string[]} lines
 * @param {number} i
 * @param {Options} opts
 * @returns {[Node|null, number]}
 */
function block(doc, lines, i, opts) {
    const line = lines[i];
    if (!line.trim()) {
        return [null, i + 1];
    }
    if (/^\s*```/.test(line)) {
        const end = lines.findIndex((l, j) => j > i && /^\s*```/.test(l));
        const stop = end < 0 ? lines.length : end;
        return [wrap(doc, "pre", [wrap(doc, "code", [doc.createTextNode(lines.slice(i + 1, stop).join("\n"))])]), stop + 1];
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
        return [wrap(doc, "h" + Math.min(heading[1].length + 1, 6), inline(doc, heading[2], opts)), i + 1];
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
        return [doc.createElement("hr"), i + 1];
    }
    for (const [re, tag] of /** @type {const} */ ([[/^\s*[-*+]\s+/, "ul"], [/^\s*\d+[.)]\s+/, "ol"], [/^\s*>\s?/, "blockquote"]])) {
        if (re.test(line)) {
            const end = until(lines, i, (l) => re.test(l));
            const items = lines.slice(i, end).map((l) => l.replace(re, ""));
            return [tag === "blockquote" ? quote(doc, items, opts)
                : wrap(doc, tag, items.map((it) => wrap(doc, "li", inline(doc, it, opts)))), end];
        }
    }
    const end = until(lines, i, (l) => l.trim() !== "" && !/^(#{1,6}\s|\s*```|\s*[-*+]\s|\s*\d+[.)]\s|\s*>)/.test(l));
    return [paragraph(doc, lines.slice(i, Math.max(end, i + 1)), opts), Math.max(end, i + 1)];
}

/**
 * until returns the index of the first line from i on that does not pass keep.
 * @param {string[]} lines
 * @param {number} i
 * @param {(l: string) => boolean} keep
 */
function until(lines, i, keep) {
    let j = i;
    while (j < lines.length && keep(lines[j])) {
        j++;
    }
    return j;
}

/**
 * quote draws a quoted block (its lines are Markdown too).
 * @param {Document} doc
 * @param {string[]} items
 * @param {Options} opts
 */
function quote(doc, items, opts) {
    const q = doc.createElement("blockquote");
    q.append(...render(doc, items.join("\n"), opts).childNodes);
    return q;
}

/**
 * paragraph joins lines with line breaks.
 * @param {Document} doc
 * @param {string[]} lines
 * @param {Options} opts
 */
function paragraph(doc, lines, opts) {
    const p = doc.createElement("p");
    lines.forEach((l, k) => {
        if (k > 0) {
            p.appendChild(doc.createElement("br"));
        }
        p.append(...inline(doc, l.trim(), opts));
    });
    return p;
}
