// @ts-check
// The map: initiatives as clustered markers coloured by category, the commune boundaries
// (kept in IndexedDB, so drawn offline), the base map (the server's own archive, ui/basemap.js,
// or else tiles from the configured tile URL), a legend, a link to the same data as a list, and
// "keep this area for offline".
import { categories, colorOf, communes, records, titleOf } from "../data.js";
import { hasGeo } from "../geo.js";
import { h } from "../ui/dom.js";
import { href } from "../ui/router.js";
import { drawBasemap } from "../ui/basemap.js";
import { keepBasemap } from "../ui/keep-basemap.js";
import { keepArea } from "../ui/tiles.js";

/** @type {[[number, number], number]} */
const START_VIEW = [[48.925, 2.40], 12];
const VIEW_KEY = "maillage.mapView";
/** Redrawing thousands of markers is heavy: during a first sync, at most every 2 s. */
const REDRAW_MS = 2000;

/**
 * render draws the map view.
 * @param {HTMLElement} main
 * @param {Record<string, string>} params
 * @param {any} ctx
 */
export async function render(main, params, ctx) {
    const t = ctx.t;
    const status = h("p", { class: "meta", role: "status", "data-testid": "map-status" });
    const box = h("div", { id: "map", class: "map", role: "region", "aria-label": t("map.title"), "data-testid": "map" });
    const { basemap, tileUrl } = ctx.sync.config;
    const keep = basemap || tileUrl ? h("button", { type: "button", class: "secondary", "data-testid": "map-keep-area" }, t("map.keepArea")) : null;
    const legend = h("ul", { class: "legend", "data-testid": "map-legend", "aria-label": t("map.legend") });
    const panel = h("div", { class: "progress", "data-testid": "map-keep-panel", hidden: true });
    main.replaceChildren(
        h("h1", {}, t("map.title")),
        h("div", { class: "toolbar" },
            h("a", { href: "#/list", class: "button secondary", "data-testid": "map-list-link" }, t("map.listAlt")), keep),
        panel, status, box, legend);
    const L = /** @type {any} */ (window).L;
    const saved = savedView();
    const map = L.map(box, { preferCanvas: true, zoomControl: true, maxZoom: 19, minZoom: 9 }).setView(...(saved || START_VIEW));
    drawTiles(L, map, ctx, status);
    const stop = await drawData(L, map, ctx, legend, box, !saved);
    map.on("moveend", () => saveView(map));
    keep?.addEventListener("click", () => (basemap ? keepBasemap(map, basemap, panel, status, t) : keepArea(map, tileUrl, status, t, panel)));
    return () => { stop(); map.stop(); map.off(); map.remove(); };
}

/**
 * savedView returns the last map centre and zoom of this tab, or null.
 * @returns {[[number, number], number]|null}
 */
function savedView() {
    try {
        const v = JSON.parse(sessionStorage.getItem(VIEW_KEY) || "null");
        return v ? [[v.lat, v.lon], v.zoom] : null;
    } catch {
        return null;
    }
}

/** @param {any} map */
function saveView(map) {
    const c = map.getCenter();
    sessionStorage.setItem(VIEW_KEY, JSON.stringify({ lat: c.lat, lon: c.lng, zoom: map.getZoom() }));
}

/**
 * drawTiles adds the server's base map, or else the tiles of the configured tile URL, or says
 * there is none.
 * @param {any} L
 * @param {any} map
 * @param {any} ctx
 * @param {HTMLElement} status
 */
function drawTiles(L, map, ctx, status) {
    const { basemap, tileUrl, tileAttribution } = ctx.sync.config;
    if (basemap) {
        drawBasemap(L, map, basemap, map.getContainer()).catch(() => { status.textContent = ctx.t("map.noTiles"); });
        return;
    }
    if (!tileUrl) {
        status.textContent = ctx.t("map.noTiles");
        return;
    }
    L.tileLayer(tileUrl, { maxZoom: 19, attribution: tileAttribution || "", crossOrigin: true }).addTo(map);
}

/**
 * drawData draws communes and initiatives and redraws the markers when data changes;
 * returns the function that stops listening. It listens before the first draw: a sync that
 * finishes while the first draw reads (the communes come from the network on a first visit)
 * would otherwise leave the map without its markers until the next change.
 * @param {any} L
 * @param {any} map
 * @param {any} ctx
 * @param {HTMLElement} legend
 * @param {HTMLElement} box
 * @param {boolean} fit zoom onto the communes once drawn
 */
async function drawData(L, map, ctx, legend, box, fit) {
    const db = ctx.db;
    const outlines = L.featureGroup().addTo(map);
    const setMarkers = markerLayer(L, map, box);
    const draw = serial(async () => {
        const [list, cats, towns] = await Promise.all([records(db, "initiatives"), categories(db), communes(db)]);
        drawCommunes(L, outlines, towns);
        box.dataset.communes = String(towns.length);
        drawLegend(legend, cats, list);
        if (fit && towns.length > 0) {
            map.fitBounds(outlines.getBounds(), { padding: [8, 8], animate: false });
            fit = false;
        }
        setMarkers(list.filter((r) => hasGeo(r.geo)).map((r) => marker(L, r, cats, ctx)));
    });
    const stop = ctx.onData((/** @type {string[]} */ what) => {
        return what.some((c) => ["*", "initiatives", "categories"].includes(c)) ? draw() : undefined;
    }, REDRAW_MS);
    await draw().catch((err) => { stop(); throw err; });
    return stop;
}

/**
 * serial makes fn run one call at a time: a call made while one runs makes one more run after
 * it (calls meanwhile fold into that one), so the last run reads the latest data and an older
 * draw can never land after a newer one.
 * @param {() => Promise<void>} fn
 * @returns {() => Promise<void>}
 */
function serial(fn) {
    /** @type {Promise<void>|null} */
    let running = null;
    let again = false;
    return () => {
        if (running) {
            again = true;
            return running;
        }
        running = (async () => {
            try {
                do {
                    again = false;
                    await fn();
                } while (again);
            } finally {
                running = null;
            }
        })();
        return running;
    };
}

/**
 * markerLayer adds the clustered markers layer and returns set(markers), which replaces them.
 * Markers are added in chunks (thousands stay responsive); a set() made while chunks are being
 * added waits for them, and only the latest waits. data-markers tells how many are drawn once
 * they all are: it appears only once the local data is drawn (the layer's own empty load,
 * when it joins the map, is not a draw), so "data-markers" is the map's ready signal.
 * @param {any} L
 * @param {any} map
 * @param {HTMLElement} box
 */
function markerLayer(L, map, box) {
    let loading = false;
    /** @type {any[]|null} */
    let next = null;
    const cluster = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 50,
        chunkProgress: (/** @type {number} */ done, /** @type {number} */ total) => {
            if (done < total || !loading) {
                return;
            }
            loading = false;
            box.dataset.markers = String(total);
            if (next) {
                const waiting = next;
                next = null;
                set(waiting);
            }
        } }).addTo(map);
    const set = (/** @type {any[]} */ markers) => {
        if (loading) {
            next = markers;
            return;
        }
        loading = true;
        cluster.clearLayers();
        cluster.addLayers(markers);
    };
    return set;
}

/**
 * drawCommunes outlines each commune with its name as a tooltip.
 * @param {any} L
 * @param {any} group
 * @param {import("../data.js").Commune[]} towns
 */
function drawCommunes(L, group, towns) {
    group.clearLayers();
    for (const town of towns) {
        if (!town.boundary) {
            continue;
        }
        L.geoJSON(town.boundary, { style: { color: "#073f33", weight: 2, fill: false, dashArray: "6 4" }, interactive: false })
            .addTo(group);
    }
}

/**
 * marker makes one initiative's circle, coloured by its first category, with a popup linking
 * to its page.
 * @param {any} L
 * @param {Record<string, any>} r
 * @param {Map<string, import("../data.js").Category>} cats
 * @param {any} ctx
 */
function marker(L, r, cats, ctx) {
    const m = L.circleMarker([r.geo.lat, r.geo.lon], { radius: 8, color: "#ffffff", weight: 2, fillColor: colorOf(cats, r), fillOpacity: 0.95 });
    const names = (r.categories || []).map((/** @type {string} */ id) => cats.get(id)?.name).filter(Boolean).join(", ");
    m.bindPopup(() => h("div", {},
        h("a", { href: href("i", "initiatives", r.id), class: "popup-title" }, titleOf(r)),
        names ? h("p", { class: "meta" }, names) : null,
        r.address ? h("p", {}, r.address) : null));
    return m;
}

/**
 * drawLegend lists the top-level categories present on the map with their colours.
 * @param {HTMLElement} legend
 * @param {Map<string, import("../data.js").Category>} cats
 * @param {Array<Record<string, any>>} list
 */
function drawLegend(legend, cats, list) {
    const used = new Set();
    for (const r of list) {
        for (const id of r.categories || []) {
            const c = cats.get(id);
            used.add(c && c.parent ? c.parent : id);
        }
    }
    legend.replaceChildren(...[...cats.values()].filter((c) => !c.parent && used.has(c.id)).map((c) =>
        h("li", {}, h("span", { class: "swatch", style: `background:${c.color}`, "aria-hidden": "true" }), c.name)));
}
