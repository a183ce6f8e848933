// @ts-check
// "Keep this area offline" for the server's own base map: the territory's tiles up to a
// bounded zoom, their size asked of the server and shown before anything is downloaded, then
// stored with a progress bar (ui/tiles.js).
import { areaSize, clip, keptZooms } from "./basemap.js";
import { h } from "./dom.js";
import { MAX_TILES, MAX_ZOOM, areaOf, storeTiles, tileUrls } from "./tiles.js";

/**
 * keepBasemap shows the size of the area's tiles in panel with a button that stores them.
 * @param {any} map
 * @param {import("./basemap.js").Basemap} basemap
 * @param {HTMLElement} panel
 * @param {HTMLElement} status
 * @param {(key: string, p?: any) => string} t
 */
export async function keepBasemap(map, basemap, panel, status, t) {
    const area = clip(areaOf(map), basemap);
    const zooms = keptZooms(basemap, map.getMinZoom(), MAX_ZOOM);
    const urls = area.west < area.east && area.south < area.north ? tileUrls(basemap.url, area, zooms.minZoom, zooms.maxZoom) : [];
    if (urls.length === 0 || urls.length > MAX_TILES) {
        status.textContent = t(urls.length === 0 ? "map.outsideBasemap" : "map.tooWide");
        return;
    }
    status.textContent = t("map.sizing");
    let size;
    try {
        size = await areaSize(basemap, area, zooms);
    } catch {
        status.textContent = t("map.sizeUnknown");
        return;
    }
    status.textContent = "";
    confirmKeep(panel, t("map.keepSize", { tiles: size.tiles, size: byteSize(size.bytes, t), zoom: zooms.maxZoom }), t,
        () => storeTiles(urls, status, t, panel));
}

/**
 * confirmKeep shows the size in panel with "Save" and "Cancel".
 * @param {HTMLElement} panel
 * @param {string} text
 * @param {(key: string, p?: any) => string} t
 * @param {() => Promise<void>} start
 */
function confirmKeep(panel, text, t, start) {
    // The button is focused: it names the size it would download (aria-describedby).
    const go = h("button", { type: "button", "data-testid": "map-keep-start", "aria-describedby": "map-keep-size" }, t("map.keepStart"));
    const cancel = h("button", { type: "button", class: "secondary" }, t("map.keepCancel"));
    go.addEventListener("click", () => { start(); });
    cancel.addEventListener("click", () => { panel.replaceChildren(); panel.hidden = true; });
    panel.replaceChildren(h("p", { id: "map-keep-size", "data-testid": "map-keep-size" }, text), h("div", { class: "toolbar" }, go, cancel));
    panel.hidden = false;
    go.focus();
}

/**
 * byteSize writes a byte count in kB under a megabyte, else in MB with one decimal, as the
 * page's language writes numbers and units.
 * @param {number} bytes
 * @param {(key: string, p?: any) => string} t
 */
export function byteSize(bytes, t) {
    const lang = typeof document === "undefined" ? "fr" : document.documentElement.lang || "fr";
    if (bytes < 1e6) {
        return t("map.kB", { n: new Intl.NumberFormat(lang).format(Math.max(1, Math.round(bytes / 1e3))) });
    }
    return t("map.MB", { n: new Intl.NumberFormat(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(bytes / 1e6) });
}
