// @ts-check
// A small, safe Markdown: the text of comments, threads and news is plain text in which
// paragraphs (blank lines), line breaks, "- " lists, **bold**, *italics*, `code` and
// [links](https://…) are drawn. It builds DOM nodes from text nodes only, never HTML, so
// nothing a person typed can become markup; links keep http(s) and mailto addresses alone.

const INLINE = /(\*\*[^*\n]+\*\*|\*[^*\n]+\*|`[^`\n]+`|\[[^\]\n]+\]\([^)\s]+\))/;

/**
 * safeHref returns url when it is an http(s) or mailto address, "" otherwise.
 * @param {string} url
 */
export function safeHref(url) {
    return /^(https?:\/\/|mailto:)[^\s"<>]+$/i.test(url) ? url : "";
}

/**
 * inline turns one line into nodes: text, strong, em, code and links.
 * @param {Document} doc
 * @param {string} line
 * @returns {Node[]}
 */
export function inline(doc, line) {
    return line.split(INLINE).filter((part) => part !== "").map((part) => {
        if (/^\*\*.+\*\*$/.test(part)) {
            return wrap(doc, "strong", part.slice(2, -2));
        }
        if (/^\*.+\*$/.test(part)) {
            return wrap(doc, "em", part.slice(1, -1));
        }
        if (/^`.+`$/.test(part)) {
            return wrap(doc, "code", part.slice(1, -1));
        }
        const link = /^\[(.+)\]\((.+)\)$/.exec(part);
        return link ? anchor(doc, link[1], link[2]) : doc.createTextNode(part);
    });
}

/**
 * wrap makes an element holding text.
 * @param {Document} doc
 * @param {string} tag
 * @param {string} text
 */
function wrap(doc, tag, text) {
    const el = doc.createElement(tag);
    el.textContent = text;
    return el;
}

/**
 * anchor makes a link that opens outside the app, or plain text for an address refused.
 * @param {Document} doc
 * @param {string} text
 * @param {string} url
 */
function anchor(doc, text, url) {
    const href = safeHref(url);
    if (!href) {
        return doc.createTextNode(`[${text}](${url})`);
    }
    const a = wrap(doc, "a", text);
    a.setAttribute("href", href);
    a.setAttribute("rel", "noopener nofollow ugc");
    a.setAttribute("target", "_blank");
    return a;
}

/**
 * render turns text into a div of paragraphs and lists.
 * @param {Document} doc
 * @param {string} text
 * @returns {HTMLElement}
 */
export function render(doc, text) {
    const out = doc.createElement("div");
    out.className = "rich-text";
    for (const block of String(text || "").split(/\n\s*\n/).filter((b) => b.trim())) {
        const lines = block.split("\n");
        out.appendChild(lines.every((l) => /^\s*[-*] /.test(l)) ? list(doc, lines) : paragraph(doc, lines));
    }
    return out;
}

/**
 * paragraph makes a p of lines joined by line breaks.
 * @param {Document} doc
 * @param {string[]} lines
 */
function paragraph(doc, lines) {
    const p = doc.createElement("p");
    lines.forEach((line, i) => {
        if (i > 0) {
            p.appendChild(doc.createElement("br"));
        }
        inline(doc, line).forEach((n) => p.appendChild(n));
    });
    return p;
}

/**
 * list makes a ul of "- " lines.
 * @param {Document} doc
 * @param {string[]} lines
 */
function list(doc, lines) {
    const ul = doc.createElement("ul");
    for (const line of lines) {
        const li = doc.createElement("li");
        inline(doc, line.replace(/^\s*[-*] /, "")).forEach((n) => li.appendChild(n));
        ul.appendChild(li);
    }
    return ul;
}
