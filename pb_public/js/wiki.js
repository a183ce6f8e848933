// @ts-check
// Pure helpers of the knowledge wiki (js/views/wiki.js): find a page by slug or id, search the
// pages held on the device, list the pages about a record, and resolve a page's images. No
// DOM, no IndexedDB: tested with node --test.
import { normalise } from "./search.js";

/**
 * findPage returns the page whose slug or id is key, or undefined.
 * @param {Array<Record<string, any>>} pages
 * @param {string} key
 */
export function findPage(pages, key) {
    return pages.find((p) => p.slug === key) || pages.find((p) => p.id === key);
}

/**
 * pageKey is the part of a page's address: its slug, or its id until the server gave it one.
 * @param {Record<string, any>} page
 */
export function pageKey(page) {
    return page.slug || page.id;
}

/**
 * searchPages returns the pages holding every word of query as a word prefix (title, summary
 * and body, accents ignored), those whose title matches first, then by title.
 * @param {Array<Record<string, any>>} pages
 * @param {string} query
 */
export function searchPages(pages, query) {
    const tokens = normalise(query).split(" ").filter(Boolean).map((w) => " " + w);
    const scored = [];
    for (const page of pages) {
        const title = " " + normalise(page.title);
        const all = title + " " + normalise(page.summary) + " " + normalise(page.body);
        if (tokens.every((w) => all.includes(w))) {
            scored.push({ page, inTitle: tokens.length > 0 && tokens.every((w) => title.includes(w)) });
        }
    }
    return scored.sort((a, b) => Number(b.inTitle) - Number(a.inTitle) || String(a.page.title).localeCompare(String(b.page.title)))
        .map((x) => x.page);
}

/**
 * pagesAbout returns the pages linked to record id of collection c ("initiatives",
 * "organisations" or "categories"), by title.
 * @param {Array<Record<string, any>>} pages
 * @param {string} c
 * @param {string} id
 */
export function pagesAbout(pages, c, id) {
    return pages.filter((p) => (p[c] || []).includes(id)).sort((a, b) => String(a.title).localeCompare(String(b.title)));
}

/**
 * imageName resolves what a page's text names an image by (a file name, or its number from 1)
 * to one of the page's images, "" when it is none of them.
 * @param {string[]} images the page's images (file names, or media ids not sent yet)
 * @param {string} ref
 */
export function imageName(images, ref) {
    if (/^\d+$/.test(ref)) {
        return images[Number(ref) - 1] || "";
    }
    return images.includes(ref) ? ref : "";
}
