// @ts-check
// The list: accent-insensitive French full-text search over the local data, with filters by
// type, category, commune, distance from me and "open now". The list alternative to the map.
import { SEARCHED, categories, communes, searchIndex } from "../data.js";
import { filter } from "../filters.js";
import { announce, h } from "../ui/dom.js";
import { card } from "../ui/cards.js";

const PAGE = 50;

/**
 * render draws the list view; the query and filters live in the hash (#/list?q=…&cat=…).
 * @param {HTMLElement} main
 * @param {Record<string, string>} params
 * @param {any} ctx
 */
export async function render(main, params, ctx) {
    const t = ctx.t;
    const [cats, towns] = await Promise.all([categories(ctx.db), communes(ctx.db)]);
    const form = filterForm(params, cats, towns, t);
    const count = h("p", { class: "meta", role: "status", "data-testid": "list-count" });
    const results = h("ul", { class: "cards", "data-testid": "list-results" });
    const more = h("button", { type: "button", class: "secondary", hidden: true, "data-testid": "list-more" }, t("list.more"));
    main.replaceChildren(h("h1", {}, t("list.title")), form, count, results, more);
    let shown = PAGE;
    /** @type {{lon: number, lat: number}|null} */
    let here = null;
    const update = async (/** @type {boolean} */ reset) => {
        shown = reset ? PAGE : shown;
        const f = readForm(form);
        if (f.km && !here) {
            here = await locate(count, t);
        }
        const hits = filter(await searchIndex(ctx.db), f, cats, here, new Date());
        count.textContent = f.km && !here ? t("list.noLocation")
            : hits.length > 1 ? t("list.results", { count: hits.length }) : hits.length ? t("list.resultOne") : t("list.empty");
        results.replaceChildren(...hits.slice(0, shown).map((e) => card(e.c, e.row, cats, t)));
        more.hidden = hits.length <= shown;
        history.replaceState(null, "", "#/list" + toQuery(f));
    };
    form.addEventListener("input", () => update(true));
    form.addEventListener("submit", (ev) => { ev.preventDefault(); update(true); announce(count.textContent || ""); });
    more.addEventListener("click", () => { shown += PAGE; update(false); });
    // Listening before the first draw: a sync that ends while it reads is not missed.
    const stop = ctx.onData((/** @type {string[]} */ what) => {
        return what.some((c) => c === "*" || SEARCHED.includes(c)) ? update(false) : undefined;
    }, 1000);
    await update(true).catch((err) => { stop(); throw err; });
    return stop;
}

/**
 * @typedef {import("../filters.js").Filters} Filters
 */

/**
 * filterForm builds the search box and the filters, filled from the hash's params.
 * @param {Record<string, string>} p
 * @param {Map<string, import("../data.js").Category>} cats
 * @param {import("../data.js").Commune[]} towns
 * @param {(k: string, p?: any) => string} t
 */
function filterForm(p, cats, towns, t) {
    const opt = (/** @type {string} */ v, /** @type {string} */ label, /** @type {string} */ cur) => h("option", { value: v, selected: v === cur }, label);
    const select = (/** @type {string} */ name, /** @type {string} */ label, /** @type {HTMLElement[]} */ options) =>
        h("div", {}, h("label", { for: "f-" + name }, label),
            h("select", { id: "f-" + name, name, "data-testid": "list-" + name }, options));
    return h("form", { class: "filters", role: "search", "data-testid": "list-form" },
        h("div", {}, h("label", { for: "f-q" }, t("list.search")),
            h("input", { id: "f-q", name: "q", type: "search", value: p.q || "", placeholder: t("list.searchPlaceholder"), autocomplete: "off", "data-testid": "list-search" })),
        h("details", { class: "more-filters", open: Boolean(p.type || p.cat || p.commune || p.km || p.open) },
            h("summary", { "data-testid": "list-filters" }, t("list.filters")),
            h("div", { class: "filter-grid" },
        select("type", t("list.kind"), [opt("", t("list.any"), p.type || ""), ...SEARCHED.map((c) => opt(c, t("kind." + c), p.type || ""))]),
        select("cat", t("list.category"), [opt("", t("list.any"), p.cat || ""),
            ...[...cats.values()].map((c) => opt(c.id, (c.parent ? "— " : "") + c.name, p.cat || ""))]),
        select("commune", t("list.commune"), [opt("", t("list.any"), p.commune || ""), ...towns.map((c) => opt(c.id, c.name, p.commune || ""))]),
        select("km", t("list.distance"), [opt("", t("list.anyDistance"), p.km || ""), ...["1", "2", "5", "10"].map((k) => opt(k, t("list.km", { km: +k }), p.km || ""))]),
        h("label", { class: "check" }, h("input", { type: "checkbox", name: "open", checked: p.open === "1", "data-testid": "list-open" }), t("list.openNow")))));
}

/**
 * readForm reads the filters.
 * @param {HTMLFormElement|HTMLElement} form
 * @returns {Filters}
 */
function readForm(form) {
    const d = new FormData(/** @type {HTMLFormElement} */ (form));
    return { q: String(d.get("q") || ""), type: String(d.get("type") || ""), cat: String(d.get("cat") || ""),
        commune: String(d.get("commune") || ""), km: Number(d.get("km") || 0), open: d.get("open") === "on" };
}

/**
 * toQuery writes the filters in the hash so that going back keeps them.
 * @param {Filters} f
 */
function toQuery(f) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) {
        if (v) {
            q.set(k, v === true ? "1" : String(v));
        }
    }
    const s = q.toString();
    return s ? "?" + s : "";
}

/**
 * locate asks the device for its position once (null when refused or unavailable).
 * @param {HTMLElement} count
 * @param {(k: string) => string} t
 * @returns {Promise<{lon: number, lat: number}|null>}
 */
function locate(count, t) {
    count.textContent = t("list.locating");
    return new Promise((resolve) => {
        if (!navigator.geolocation) {
            resolve(null);
            return;
        }
        navigator.geolocation.getCurrentPosition(
            (pos) => resolve({ lon: pos.coords.longitude, lat: pos.coords.latitude }),
            () => { count.textContent = t("list.noLocation"); resolve(null); },
            { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 });
    });
}
