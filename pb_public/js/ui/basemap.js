// @ts-check
// The territory's base map served by the server itself (maillage serve --basemap): vector
// tiles drawn with protomaps-leaflet (vendor/protomaps-leaflet, loaded only when needed) in the
// house's colours, raster tiles as a plain Leaflet layer. The map's element says which is drawn
// (data-basemap), how many tiles have drawn (data-basemap-tiles) and, once every tile in view
// has, data-basemap-loaded: the base map's signals.
import { labelRules, paintRules, COLOURS } from "./basemap-style.js";

const LIBRARY = "/vendor/protomaps-leaflet/protomaps-leaflet.js";

/** @typedef {{type: "vector"|"raster", url: string, tilejson: string, sizeUrl: string, minZoom: number, maxZoom: number, bounds: number[], attribution: string}} Basemap */

/** @type {Promise<any>|null} */
let loading = null;

/**
 * library loads protomaps-leaflet once (a classic script defining protomapsL; the service
 * worker has it in its precache, so it loads offline too).
 * @returns {Promise<any>}
 */
export function library() {
    const w = /** @type {any} */ (window);
    if (w.protomapsL) {
        return Promise.resolve(w.protomapsL);
    }
    loading ||= new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = LIBRARY;
        script.onload = () => resolve(w.protomapsL);
        script.onerror = () => { loading = null; reject(new Error("protomaps-leaflet did not load")); };
        document.head.append(script);
    });
    return loading;
}

/**
 * drawBasemap adds the server's base map under the map's other layers.
 * @param {any} L
 * @param {any} map
 * @param {Basemap} basemap
 * @param {HTMLElement} box the map's element, which receives the signals
 */
export async function drawBasemap(L, map, basemap, box) {
    const layer = basemap.type === "vector" ? await vectorLayer(L, basemap) : rasterLayer(L, basemap);
    let drawn = 0;
    layer.on("tileload", () => { box.dataset.basemapTiles = String(++drawn); });
    layer.on("loading", () => { delete box.dataset.basemapLoaded; });
    layer.on("load", () => { box.dataset.basemapLoaded = "true"; });
    layer.addTo(map);
    layer.bringToBack?.();
    box.dataset.basemap = basemap.type;
    return layer;
}

/**
 * vectorLayer draws vector tiles; past the archive's max zoom it zooms into its deepest tiles.
 * @param {any} L
 * @param {Basemap} basemap
 */
async function vectorLayer(L, basemap) {
    const P = await library();
    return P.leafletLayer({
        url: basemap.url, maxDataZoom: basemap.maxZoom, maxZoom: 19, attribution: basemap.attribution || "",
        paintRules: paintRules(P), labelRules: labelRules(P), backgroundColor: COLOURS.background, lang: "fr",
    });
}

/**
 * rasterLayer shows raster tiles as they are; past the archive's max zoom Leaflet enlarges them.
 * @param {any} L
 * @param {Basemap} basemap
 */
function rasterLayer(L, basemap) {
    return L.tileLayer(basemap.url, { maxNativeZoom: basemap.maxZoom, maxZoom: 19, attribution: basemap.attribution || "" });
}

/**
 * keptZooms returns the zooms of the archive's tiles to keep for offline use of the map from
 * its smallest zoom (minZoom) on: vector tiles are drawn one zoom below the map's (512-pixel
 * data over 256-pixel tiles), and both stop at the archive's deepest zoom and at maxZoom. An
 * archive that stops above the map's smallest zoom keeps its deepest tiles, which the map
 * enlarges.
 * @param {Basemap} basemap
 * @param {number} minZoom the map's smallest zoom
 * @param {number} maxZoom the deepest zoom kept
 */
export function keptZooms(basemap, minZoom, maxZoom) {
    const shift = basemap.type === "vector" ? 1 : 0;
    const deepest = Math.min(basemap.maxZoom, maxZoom - shift);
    return { minZoom: Math.min(Math.max(basemap.minZoom, minZoom - shift), deepest), maxZoom: deepest };
}

/**
 * areaSize asks the server how many tiles, and bytes, the area holds between the zooms.
 * @param {Basemap} basemap
 * @param {{west: number, south: number, east: number, north: number}} b
 * @param {{minZoom: number, maxZoom: number}} zooms
 * @returns {Promise<{tiles: number, bytes: number}>}
 */
export async function areaSize(basemap, b, zooms) {
    const bbox = [b.west, b.south, b.east, b.north].map((v) => v.toFixed(6)).join(",");
    const res = await fetch(`${basemap.sizeUrl}?bbox=${bbox}&minzoom=${zooms.minZoom}&maxzoom=${zooms.maxZoom}`);
    if (!res.ok) {
        throw new Error(`size: ${res.status}`);
    }
    return res.json();
}

/**
 * clip returns the part of the area inside the archive's bounds.
 * @param {{west: number, south: number, east: number, north: number}} b
 * @param {Basemap} basemap
 */
export function clip(b, basemap) {
    const [w, s, e, n] = basemap.bounds;
    return { west: Math.max(b.west, w), south: Math.max(b.south, s), east: Math.min(b.east, e), north: Math.min(b.north, n) };
}
