// The server's own base map in the PWA (pb_public/js/ui/basemap.js, basemap-style.js): which
// zooms and which area "keep this area offline" stores, and the style's layers and labels.
import { test } from "node:test";
import assert from "node:assert/strict";
import { clip, keptZooms } from "../../pb_public/js/ui/basemap.js";
import { LABEL_PROPS, labelRules, paintRules } from "../../pb_public/js/ui/basemap-style.js";
import { tileUrls } from "../../pb_public/js/ui/tiles.js";

const vector = { type: "vector", url: "/api/maillage/basemap/{z}/{x}/{y}.mvt", tilejson: "", sizeUrl: "", minZoom: 0, maxZoom: 14,
    bounds: [2.26, 48.88, 2.45, 48.99], attribution: "" };
const raster = { ...vector, type: "raster", url: "/api/maillage/basemap/{z}/{x}/{y}.png", maxZoom: 18 };

test("vector tiles are kept one zoom below the map's, down to the archive's deepest", () => {
    // The map shows zooms 9 to 16 offline: protomaps-leaflet draws zoom z from data of z-1.
    assert.deepEqual(keptZooms(vector, 9, 16), { minZoom: 8, maxZoom: 14 });
    assert.deepEqual(keptZooms({ ...vector, maxZoom: 15 }, 9, 16), { minZoom: 8, maxZoom: 15 });
    // Control: raster tiles are drawn at the map's own zoom, bounded by the asked maximum.
    assert.deepEqual(keptZooms(raster, 9, 16), { minZoom: 9, maxZoom: 16 });
    // An archive that stops above the map's smallest zoom: its deepest tiles, enlarged by the map.
    assert.deepEqual(keptZooms({ ...raster, maxZoom: 3 }, 9, 16), { minZoom: 3, maxZoom: 3 });
    assert.deepEqual(keptZooms({ ...vector, maxZoom: 6 }, 9, 16), { minZoom: 6, maxZoom: 6 });
});

test("the area kept stays inside the archive's bounds", () => {
    const territory = { west: 2.2, south: 48.85, east: 2.5, north: 49.1 };
    assert.deepEqual(clip(territory, vector), { west: 2.26, south: 48.88, east: 2.45, north: 48.99 });
    const urls = tileUrls(vector.url, clip(territory, vector), 14, 14);
    assert.ok(urls.length > 10 && urls.every((u) => /^\/api\/maillage\/basemap\/14\/\d+\/\d+\.mvt$/.test(u)), urls[0]);
});

test("the style draws the Protomaps basemap layers, land first, and labels in French first", () => {
    const P = new Proxy({}, { get: (_t, name) => class { constructor(o) { this.kind = name; this.options = o; } } });
    const paint = paintRules(P);
    assert.equal(paint[0].dataLayer, "earth", "land under everything");
    for (const layer of ["water", "landuse", "roads", "buildings", "boundaries"]) {
        assert.ok(paint.some((r) => r.dataLayer === layer), layer);
    }
    const labels = labelRules(P);
    const places = labels.find((r) => r.dataLayer === "places");
    assert.deepEqual(places.symbolizer.options.labelProps, LABEL_PROPS);
    assert.equal(LABEL_PROPS[0], "name:fr");
    assert.ok(places.filter(12, { props: { kind: "locality" } }) && !places.filter(12, { props: { kind: "country" } }));
});

test("the size before keeping is written in kB under a megabyte, else in MB", async () => {
    const { byteSize } = await import("../../pb_public/js/ui/keep-basemap.js");
    const t = (/** @type {string} */ key, /** @type {any} */ p) => `${p.n} ${key === "map.kB" ? "ko" : "Mo"}`;
    assert.equal(byteSize(24_300, t), "24 ko");
    assert.equal(byteSize(120, t), "1 ko", "never 0");
    assert.equal(byteSize(12_345_678, t), "12,3 Mo");
});
