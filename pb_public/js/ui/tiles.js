// @ts-check
// "Keep this area for offline": the base tiles covering the area (the territory's communes, or
// the map's view) from zoom MIN_ZOOM to MAX_ZOOM, stored in the cache the service worker reads
// first and never trims, with a progress bar while it runs. The server's own base map asks
// first how large that is (ui/keep-basemap.js).
import { announce, h } from "./dom.js";

export const KEPT_CACHE = "maillage-tiles-kept";
export const MIN_ZOOM = 10;
export const MAX_ZOOM = 16;
export const MAX_TILES = 3000;

/**
 * tileRange returns the x/y range of the tiles covering bounds at zoom z.
 * @param {{west: number, south: number, east: number, north: number}} b
 * @param {number} z
 */
export function tileRange(b, z) {
    const n = 2 ** z;
    const x = (/** @type {number} */ lon) => Math.floor(((lon + 180) / 360) * n);
    const y = (/** @type {number} */ lat) => {
        const r = (lat * Math.PI) / 180;
        return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
    };
    return { x0: x(b.west), x1: x(b.east), y0: y(b.north), y1: y(b.south) };
}

/**
 * tileUrls lists the tile URLs covering bounds from minZoom to maxZoom.
 * @param {string} template Leaflet-style {s}{z}{x}{y}{r} URL
 * @param {{west: number, south: number, east: number, north: number}} b
 * @param {number} [minZoom]
 * @param {number} [maxZoom]
 */
export function tileUrls(template, b, minZoom = MIN_ZOOM, maxZoom = MAX_ZOOM) {
    const out = [];
    for (let z = minZoom; z <= maxZoom; z++) {
        const { x0, x1, y0, y1 } = tileRange(b, z);
        for (let x = x0; x <= x1; x++) {
            for (let y = y0; y <= y1; y++) {
                out.push(template.replace("{s}", "a").replace("{r}", "").replace("{z}", String(z))
                    .replace("{x}", String(x)).replace("{y}", String(y)));
            }
        }
    }
    return out;
}

/**
 * areaOf returns the bounds of the territory (every layer's outline drawn on the map) or of
 * the map's view.
 * @param {any} map Leaflet map
 */
export function areaOf(map) {
    let bounds = null;
    map.eachLayer((/** @type {any} */ layer) => {
        if (layer.feature && layer.getBounds) {
            bounds = bounds ? bounds.extend(layer.getBounds()) : layer.getBounds();
        }
    });
    const b = bounds || map.getBounds();
    return { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() };
}

/**
 * keepArea stores the area's tiles for offline, reporting progress in status and, when
 * given, as a progress bar in panel.
 * @param {any} map
 * @param {string} template
 * @param {HTMLElement} status
 * @param {(key: string, p?: any) => string} t
 * @param {HTMLElement|null} [panel]
 */
export async function keepArea(map, template, status, t, panel = null) {
    const urls = tileUrls(template, areaOf(map));
    if (urls.length > MAX_TILES) {
        status.textContent = t("map.tooWide");
        return;
    }
    await storeTiles(urls, status, t, panel);
}

/**
 * storeTiles stores urls in the kept cache, four at a time, with a progress bar in panel (when
 * given) and the count in status; the panel shows the bar only while it runs.
 * @param {string[]} urls
 * @param {HTMLElement} status
 * @param {(key: string, p?: any) => string} t
 * @param {HTMLElement|null} [panel]
 */
export async function storeTiles(urls, status, t, panel = null) {
    const total = urls.length;
    const bar = progressBar(panel, total, t);
    const cache = await caches.open(KEPT_CACHE);
    let done = 0;
    const next = async () => {
        for (let url = urls.pop(); url; url = urls.pop()) {
            await keepOne(cache, url);
            status.textContent = t("map.keeping", { done: ++done, total });
            bar?.setAttribute("value", String(done));
        }
    };
    await Promise.all([next(), next(), next(), next()]);
    panel?.replaceChildren();
    status.textContent = t("map.kept", { count: done });
    announce(status.textContent);
}

/**
 * progressBar shows a progress bar of total steps in panel and returns it (null without panel).
 * @param {HTMLElement|null} panel
 * @param {number} total
 * @param {(key: string, p?: any) => string} t
 */
function progressBar(panel, total, t) {
    if (!panel) {
        return null;
    }
    const bar = h("progress", { max: String(total), value: "0", "data-testid": "map-keep-progress", "aria-label": t("map.keepProgress") });
    panel.replaceChildren(bar);
    panel.hidden = false;
    return bar;
}

/**
 * keepOne stores one tile unless it is there already; a failed tile is skipped.
 * @param {Cache} cache
 * @param {string} url
 */
async function keepOne(cache, url) {
    if (await cache.match(url)) {
        return;
    }
    try {
        const res = await fetch(url, { mode: "cors" });
        if (res.ok) {
            await cache.put(url, res);
        }
    } catch { /* offline or refused: the next tiles still go */ }
}
