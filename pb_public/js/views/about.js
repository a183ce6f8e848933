// @ts-check
// About Maillage: what it is, how it works offline, and the sources of the demo data with
// their licences (GET /api/maillage/credits, kept for offline).
import { call } from "../api.js";
import { h } from "../ui/dom.js";

const KEY = "maillage.credits";

/**
 * render draws the about page.
 * @param {HTMLElement} main
 * @param {Record<string, string>} params
 * @param {any} ctx
 */
export async function render(main, params, ctx) {
    const t = ctx.t;
    const credits = await loadCredits();
    main.replaceChildren(h("h1", {}, t("about.title")),
        h("p", {}, t("app.tagline")), h("p", {}, t("about.offline")), h("p", {}, t("about.free")),
        h("h2", {}, t("credits.title")),
        credits.length ? h("ul", { "data-testid": "credits" }, credits.map((c) => h("li", {},
            c.url ? h("a", { href: c.url, rel: "noopener", target: "_blank" }, c.name) : c.name,
            " — ", c.producer, " — ",
            c.licenceUrl ? h("a", { href: c.licenceUrl, rel: "noopener", target: "_blank" }, c.licence) : c.licence)))
            : h("p", { class: "meta", "data-testid": "credits" }, t("about.noCredits")));
}

/**
 * loadCredits fetches the credits, or returns those last seen offline.
 * @returns {Promise<Array<{name: string, producer: string, licence: string, licenceUrl: string, url: string}>>}
 */
async function loadCredits() {
    try {
        const res = await call("GET", "/api/maillage/credits");
        localStorage.setItem(KEY, JSON.stringify(res.credits || []));
        return res.credits || [];
    } catch {
        try {
            return JSON.parse(localStorage.getItem(KEY) || "[]");
        } catch {
            return [];
        }
    }
}
