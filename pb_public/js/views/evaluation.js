// @ts-check
// The permanent evaluation (#/evaluation): the territory's indicators per month, from
// GET /api/maillage/indicators, as small bar charts in inline SVG, filtered by commune, with a
// CSV download. Each answer is kept in the device's store (db.js meta), so the view shows the
// last figures seen with the network cut.
import { call } from "../api.js";
import { communes } from "../data.js";
import { getMeta, setMeta } from "../db.js";
import { h, localDate } from "../ui/dom.js";

const SVG = "http://www.w3.org/2000/svg";
/** CHARTS are the indicators drawn, in order (the answer also holds imported and contributed). */
export const CHARTS = ["initiatives", "organisations", "events", "exchanges", "contributors",
    "suggestionsAccepted", "proposals", "ballots", "importedShare"];
const PATH = "/api/maillage/indicators";

/**
 * render draws the evaluation view.
 * @param {HTMLElement} main
 * @param {Record<string, string>} params commune: a commune's id, none for the whole territory
 * @param {any} ctx
 */
export async function render(main, params, ctx) {
    const t = ctx.t;
    const area = h("div", { class: "evaluation-area" }, h("p", { class: "meta", role: "status" }, t("evaluation.loading")));
    const state = { commune: params.commune || "" };
    const draw = async () => drawFigures(area, await figures(ctx.db, state.commune), state.commune, t);
    main.replaceChildren(h("h1", {}, t("evaluation.title")), h("p", { class: "meta" }, t("evaluation.intro")),
        communeFilter(state, await communes(ctx.db), t, draw), area);
    await draw();
}

/**
 * figures fetches the commune's indicators and keeps them; offline, the last ones kept.
 * @param {IDBDatabase} db
 * @param {string} commune
 * @returns {Promise<{answer: any, at: string, stale: boolean}|null>}
 */
export async function figures(db, commune) {
    const key = "indicators:" + commune;
    try {
        const answer = await call("GET", PATH + (commune ? "?commune=" + encodeURIComponent(commune) : ""));
        const kept = { answer, at: new Date().toISOString() };
        await setMeta(db, key, kept);
        return { ...kept, stale: false };
    } catch {
        const kept = await getMeta(db, key);
        return kept ? { ...kept, stale: true } : null;
    }
}

/**
 * communeFilter is the commune select; a change redraws.
 * @param {{commune: string}} state changed in place
 * @param {import("../data.js").Commune[]} towns
 * @param {(key: string, p?: any) => string} t
 * @param {() => Promise<void>} redraw
 */
function communeFilter(state, towns, t, redraw) {
    const select = h("select", { id: "evaluation-commune", "data-testid": "evaluation-commune", onchange: (/** @type {Event} */ ev) => {
        state.commune = /** @type {HTMLSelectElement} */ (ev.target).value;
        redraw();
    } }, h("option", { value: "" }, t("evaluation.territory")),
    towns.map((c) => h("option", { value: c.id, selected: c.id === state.commune }, c.name)));
    return h("form", { class: "filters", onsubmit: (/** @type {Event} */ ev) => ev.preventDefault() },
        h("div", { class: "field" }, h("label", { for: "evaluation-commune" }, t("evaluation.commune")), select));
}

/**
 * drawFigures replaces area's content with the charts, or says why there are none.
 * @param {HTMLElement} area
 * @param {{answer: any, at: string, stale: boolean}|null} got
 * @param {string} commune
 * @param {(key: string, p?: any) => string} t
 */
function drawFigures(area, got, commune, t) {
    if (!got) {
        area.replaceChildren(h("p", { class: "notice", "data-testid": "evaluation-none" }, t("evaluation.none")));
        return;
    }
    const a = got.answer;
    const csv = `${PATH}.csv?from=${a.from}&to=${a.to}` + (commune ? "&commune=" + encodeURIComponent(commune) : "");
    area.replaceChildren(
        got.stale ? h("p", { class: "notice", "data-testid": "evaluation-stale" }, t("evaluation.stale", { date: localDate(got.at) })) : "",
        h("div", { class: "evaluation-charts", "data-testid": "evaluation-charts",
            style: "display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 1rem" },
        CHARTS.map((name) => chart(name, a.months, t))),
        h("p", {}, h("a", { href: csv, download: "", "data-testid": "evaluation-csv" }, t("evaluation.csv"))));
}

/**
 * chart is one indicator's card: its label, its total (or mean share) and one bar per month.
 * @param {string} name
 * @param {Array<{month: string, values: Record<string, number>}>} months
 * @param {(key: string, p?: any) => string} t
 */
export function chart(name, months, t) {
    const values = months.map((m) => m.values[name] || 0);
    const share = name === "importedShare";
    const sum = values.reduce((x, y) => x + y, 0);
    const summary = share ? t("evaluation.share", { n: Math.round((100 * sum) / Math.max(1, values.length)) }) : t("evaluation.total", { n: sum });
    return h("figure", { class: "card evaluation-chart", "data-testid": "evaluation-chart", "data-indicator": name, style: "margin: 0" },
        h("figcaption", {}, h("strong", {}, t("evaluation." + name)), " — ", summary), bars(values, months, share, t));
}

/**
 * bars draws the months' values as an SVG bar chart; each bar names its month and value.
 * @param {number[]} values
 * @param {Array<{month: string}>} months
 * @param {boolean} share values are fractions of 1
 * @param {(key: string, p?: any) => string} t
 */
function bars(values, months, share, t) {
    const width = 240;
    const height = 80;
    const top = share ? 1 : Math.max(1, ...values);
    const step = width / Math.max(1, values.length);
    const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height + 14}`, role: "img", class: "evaluation-bars", width: "100%" });
    svg.append(svgEl("line", { x1: 0, y1: height, x2: width, y2: height, stroke: "currentColor", "stroke-opacity": "0.4" }));
    values.forEach((v, i) => {
        const bh = Math.round((v / top) * (height - 4));
        const label = t("evaluation.bar", { month: months[i].month, value: share ? Math.round(v * 100) + " %" : v });
        const bar = svgEl("rect", { x: i * step + 2, y: height - bh, width: Math.max(1, step - 4), height: bh, fill: "#1b7f5b", "data-testid": "evaluation-bar" });
        bar.append(svgEl("title", {}, label));
        svg.append(bar);
    });
    svg.setAttribute("aria-label", values.map((v, i) => `${months[i].month}: ${share ? Math.round(v * 100) + "%" : v}`).join(", "));
    svg.append(svgEl("text", { x: 0, y: height + 12, "font-size": "10", fill: "currentColor" }, months[0]?.month || ""));
    svg.append(svgEl("text", { x: width, y: height + 12, "font-size": "10", fill: "currentColor", "text-anchor": "end" }, months[months.length - 1]?.month || ""));
    return svg;
}

/**
 * svgEl makes an SVG element with attributes and an optional text.
 * @param {string} tag
 * @param {Record<string, any>} attrs
 * @param {string} [text]
 */
function svgEl(tag, attrs, text) {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) {
        el.setAttribute(k, String(v));
    }
    if (text) {
        el.textContent = text;
    }
    return el;
}
