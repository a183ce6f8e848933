// @ts-check
// The network of cooperations (#/network): a force-directed graph of the confirmed links drawn
// from the local store (so offline too), filtered by link type, category and commune, in SVG;
// a node opens its page. The same links follow as a list, for screen readers and keyboards.
// The layout is d3-force (vendor/d3-force, loaded on first use, precached by the service
// worker); should it fail to load, the nodes sit on a circle.
import { categories, colorOf, communes, records } from "../data.js";
import { LINK_TYPES, NODE_COLLECTIONS, buildGraph, keyOf, layout } from "../network.js";
import { h, localDate } from "../ui/dom.js";
import { href } from "../ui/router.js";
import { locale } from "../i18n.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 640;
const HEIGHT = 480;
const SCRIPTS = ["d3-dispatch", "d3-quadtree", "d3-timer", "d3-force"].map((n) => `/vendor/d3-force/${n}.min.js`);
/** TYPE_COLORS tell the link types apart (with the list's words, never by colour alone). */
const TYPE_COLORS = { partnership: "#1b7f5b", membership: "#3056a8", funding: "#b0631a", sharedPlace: "#8a3fa0", supply: "#a83048", other: "#5f6b6d" };

/** @type {Promise<any>|null} */
let loading = null;

/**
 * render draws the network view.
 * @param {HTMLElement} main
 * @param {Record<string, string>} params type, category and commune filters
 * @param {any} ctx
 */
export async function render(main, params, ctx) {
    const t = ctx.t;
    const [links, cats, towns, ...nodeLists] = await Promise.all([records(ctx.db, "links"), categories(ctx.db), communes(ctx.db),
        ...NODE_COLLECTIONS.map((c) => records(ctx.db, c))]);
    /** @type {Map<string, Record<string, any>>} */
    const byKey = new Map();
    NODE_COLLECTIONS.forEach((c, i) => nodeLists[i].forEach((r) => byKey.set(keyOf(c, r.id), r)));
    const filter = { type: params.type || "", category: params.category || "", commune: params.commune || "" };
    const area = h("div", { class: "network-area" }, h("p", { class: "meta", role: "status" }, t("network.loading")));
    const draw = async () => drawGraph(area, buildGraph(links, byKey, filter), byKey, cats, t);
    main.replaceChildren(h("h1", {}, t("network.title")), h("p", { class: "meta" }, t("network.intro")),
        filters(filter, cats, towns, t, draw), area, exportsLine(t));
    await draw();
}

/**
 * filters is the form of the three filters; a change redraws.
 * @param {Record<string, string>} filter changed in place
 * @param {Map<string, import("../data.js").Category>} cats
 * @param {import("../data.js").Commune[]} towns
 * @param {(key: string, p?: any) => string} t
 * @param {() => Promise<void>} redraw
 */
function filters(filter, cats, towns, t, redraw) {
    const select = (/** @type {string} */ name, /** @type {string} */ all, /** @type {Array<[string, string]>} */ options) => {
        const el = h("select", { id: "network-" + name, "data-testid": "network-filter-" + name, onchange: (/** @type {Event} */ ev) => {
            filter[name] = /** @type {HTMLSelectElement} */ (ev.target).value;
            redraw();
        } }, h("option", { value: "" }, all), options.map(([v, label]) => h("option", { value: v, selected: v === filter[name] }, label)));
        return h("div", { class: "field", style: "flex: 1 1 12rem" }, h("label", { for: "network-" + name }, t("network.filter." + name)), el);
    };
    return h("form", { class: "filters network-filters", style: "display: flex; flex-wrap: wrap; gap: 0 1rem", onsubmit: (/** @type {Event} */ ev) => ev.preventDefault() },
        select("type", t("network.filter.all"), LINK_TYPES.map((x) => [x, t("network.type." + x)])),
        select("category", t("network.filter.allf"), [...cats.values()].map((c) => [c.id, c.name])),
        select("commune", t("network.filter.allf"), towns.map((c) => [c.id, c.name])));
}

/**
 * drawGraph replaces area's content with the graph and the list of its links.
 * @param {HTMLElement} area
 * @param {{nodes: import("../network.js").GraphNode[], edges: import("../network.js").GraphEdge[]}} graph
 * @param {Map<string, Record<string, any>>} byKey
 * @param {Map<string, import("../data.js").Category>} cats
 * @param {(key: string, p?: any) => string} t
 */
async function drawGraph(area, graph, byKey, cats, t) {
    if (graph.edges.length === 0) {
        area.replaceChildren(h("p", { class: "notice", "data-testid": "network-empty" }, t("network.empty")));
        return;
    }
    const at = await positions(graph);
    const svg = svgEl("svg", { viewBox: viewBox(at), class: "network-graph", "data-testid": "network-graph",
        style: "width: 100%; max-height: 75vh; border: 1px solid #ccc; border-radius: 8px; background: #fff",
        role: "group", "aria-label": t("network.graph", { nodes: graph.nodes.length, edges: graph.edges.length }) },
    svgEl("defs", {}, arrow()),
    graph.edges.map((e) => edgeLine(e, at)),
    graph.nodes.map((n) => nodeMark(n, at, colorOf(cats, byKey.get(n.key) || {}), t)));
    area.replaceChildren(svg, legend(graph, t), edgeList(graph, t));
}

/**
 * viewBox frames the laid-out nodes with room for their labels, so that a small network is not
 * lost in the middle of the drawing.
 * @param {Map<string, {x: number, y: number}>} at
 */
function viewBox(at) {
    const xs = [...at.values()].map((p) => p.x);
    const ys = [...at.values()].map((p) => p.y);
    const [x0, y0] = [Math.min(...xs) - 20, Math.min(...ys) - 20];
    const [x1, y1] = [Math.max(...xs) + 180, Math.max(...ys) + 20];
    return `${x0} ${y0} ${Math.max(x1 - x0, 200)} ${Math.max(y1 - y0, 120)}`;
}

/**
 * positions lays the graph out with d3-force, or on a circle when it cannot load.
 * @param {{nodes: import("../network.js").GraphNode[], edges: import("../network.js").GraphEdge[]}} graph
 * @returns {Promise<Map<string, {x: number, y: number}>>}
 */
async function positions(graph) {
    try {
        return layout(graph, await loadForce(), WIDTH, HEIGHT);
    } catch {
        const r = Math.min(WIDTH, HEIGHT) / 2 - 40;
        return new Map(graph.nodes.map((n, i) => {
            const a = (2 * Math.PI * i) / graph.nodes.length;
            return [n.key, { x: WIDTH / 2 + r * Math.cos(a), y: HEIGHT / 2 + r * Math.sin(a) }];
        }));
    }
}

/** loadForce loads the vendored d3-force scripts once, in order, and returns the global d3. */
function loadForce() {
    if (!loading) {
        loading = SCRIPTS.reduce((p, src) => p.then(() => new Promise((resolve, reject) => {
            const s = document.createElement("script");
            s.src = src;
            s.onload = resolve;
            s.onerror = () => reject(new Error("could not load " + src));
            document.head.append(s);
        })), Promise.resolve()).then(() => /** @type {any} */ (window).d3);
        loading.catch(() => { loading = null; });
    }
    return loading;
}

/**
 * edgeLine draws one link; a directed one ends in an arrow.
 * @param {import("../network.js").GraphEdge} e
 * @param {Map<string, {x: number, y: number}>} at
 */
function edgeLine(e, at) {
    const a = at.get(e.from);
    const b = at.get(e.to);
    return svgEl("line", { x1: a?.x, y1: a?.y, x2: b?.x, y2: b?.y, class: "network-edge", "data-testid": "network-edge",
        "data-type": e.type, stroke: /** @type {any} */ (TYPE_COLORS)[e.type] || "#555", "stroke-width": 2,
        "marker-end": e.directed ? "url(#network-arrow)" : null });
}

/**
 * nodeMark draws one node: a link to its page (communities have none), its name beside it.
 * @param {import("../network.js").GraphNode} n
 * @param {Map<string, {x: number, y: number}>} at
 * @param {string} color
 * @param {(key: string, p?: any) => string} t
 */
function nodeMark(n, at, color, t) {
    const p = at.get(n.key) || { x: 0, y: 0 };
    const shape = n.c === "initiatives"
        ? svgEl("circle", { cx: p.x, cy: p.y, r: 7, fill: color, stroke: "#fff", "stroke-width": 1.5 })
        : svgEl("rect", { x: p.x - 8, y: p.y - 8, width: 16, height: 16, rx: n.c === "communities" ? 8 : 2, fill: color, stroke: "#222", "stroke-width": 1.5 });
    // The label leaves the pointer to the shapes: a long name must not cover another node.
    const label = svgEl("text", { x: p.x + 11, y: p.y + 4, class: "network-label", "font-size": 11, "pointer-events": "none" }, n.name);
    const attrs = { class: "network-node", "data-testid": "network-node", "data-key": n.key, "aria-label": `${n.name} (${t("network.kind." + n.c)})` };
    if (n.c === "communities") {
        return svgEl("g", { ...attrs, role: "img" }, shape, label);
    }
    return svgEl("a", { ...attrs, href: href("i", n.c, n.id) }, shape, label);
}

/** arrow is the marker at the end of directed links. */
function arrow() {
    return svgEl("marker", { id: "network-arrow", viewBox: "0 0 10 10", refX: 18, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" },
        svgEl("path", { d: "M0,0 L10,5 L0,10 z", fill: "#333" }));
}

/**
 * legend names the colour of each link type drawn (the list below says it in words too).
 * @param {{edges: import("../network.js").GraphEdge[]}} graph
 * @param {(key: string, p?: any) => string} t
 */
function legend(graph, t) {
    const types = LINK_TYPES.filter((x) => graph.edges.some((e) => e.type === x));
    return h("ul", { class: "network-legend", "aria-hidden": "true", style: "display: flex; flex-wrap: wrap; gap: 0 1rem; list-style: none; padding: 0" },
        types.map((x) => h("li", {}, h("span", { style: `display: inline-block; width: 1.5em; height: 3px; vertical-align: middle; background: ${/** @type {any} */ (TYPE_COLORS)[x]}` }),
            " ", t("network.type." + x))));
}

/**
 * edgeList lists the links in words, each end a link to its page.
 * @param {{nodes: import("../network.js").GraphNode[], edges: import("../network.js").GraphEdge[]}} graph
 * @param {(key: string, p?: any) => string} t
 */
function edgeList(graph, t) {
    const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
    const end = (/** @type {string} */ key) => {
        const n = byKey.get(key);
        return !n ? escapeHTML(key) : n.c === "communities" ? escapeHTML(n.name) : `<a href="${href("i", n.c, n.id)}">${escapeHTML(n.name)}</a>`;
    };
    return h("section", { class: "network-list" }, h("h2", {}, t("network.list")),
        h("ul", { "data-testid": "network-edges" }, graph.edges.map((e) => {
            const li = h("li", { "data-testid": "network-edge-item", "data-type": e.type });
            li.innerHTML = t(e.directed ? "network.edgeDirected" : "network.edge", { from: end(e.from), to: end(e.to), type: escapeHTML(t("network.type." + e.type)) }) +
                (e.start ? " <span class=\"meta\">(" + escapeHTML(t("network.since", { date: localDate(e.start, locale(), true) })) + ")</span>" : "");
            return li;
        })));
}

/** exportsLine links to the exports of the public network (they need the network). */
function exportsLine(/** @type {(key: string, p?: any) => string} */ t) {
    const p = h("p", { class: "meta network-exports" });
    p.innerHTML = t("network.exports", {
        kumu: `<a href="/api/maillage/network/kumu.json" download>${escapeHTML(t("network.export.kumu"))}</a>`,
        gexf: `<a href="/api/maillage/network.gexf" download>${escapeHTML(t("network.export.gexf"))}</a>`,
    });
    return p;
}

/**
 * svgEl creates an SVG element, as h does an HTML one.
 * @param {string} tag
 * @param {Record<string, any>} attrs
 * @param {...any} children
 * @returns {SVGElement}
 */
function svgEl(tag, attrs, ...children) {
    const el = /** @type {SVGElement} */ (document.createElementNS(SVG, tag));
    for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined) {
            continue;
        }
        if (k === "style") {
            el.style.cssText = String(v); // through the CSSOM: the CSP refuses style attributes
        } else {
            el.setAttribute(k, String(v));
        }
    }
    for (const c of children.flat()) {
        el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
}

/** escapeHTML makes text safe inside innerHTML. */
function escapeHTML(/** @type {string} */ s) {
    return String(s).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
