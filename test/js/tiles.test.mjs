// "Keep this area for offline": which tiles cover an area (pb_public/js/ui/tiles.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { MAX_TILES, tileRange, tileUrls } from "../../pb_public/js/ui/tiles.js";

// Plaine Commune's bounding box, roughly.
const TERRITORY = { west: 2.28, south: 48.88, east: 2.47, north: 48.97 };

test("tile numbers follow the slippy-map scheme", () => {
    // Central Paris (2.35, 48.85) is on the OSM tile 10/518/352; the whole world is 0/0/0.
    assert.deepEqual(tileRange({ west: 2.35, east: 2.35, north: 48.85, south: 48.85 }, 10), { x0: 518, x1: 518, y0: 352, y1: 352 });
    assert.deepEqual(tileRange({ west: -179, east: 179, north: 80, south: -80 }, 0), { x0: 0, x1: 0, y0: 0, y1: 0 });
});

test("the territory up to zoom 16 stays under the bound, and each zoom is covered", () => {
    const urls = tileUrls("https://t.example/{z}/{x}/{y}.png", TERRITORY);
    assert.ok(urls.length > 100 && urls.length <= MAX_TILES, `${urls.length} tiles`);
    for (let z = 10; z <= 16; z++) {
        assert.ok(urls.some((u) => u.startsWith(`https://t.example/${z}/`)), `zoom ${z}`);
    }
    assert.equal(new Set(urls).size, urls.length, "no tile twice");
});

test("Leaflet's {s} and {r} placeholders are filled", () => {
    const [u] = tileUrls("https://{s}.t.example/{z}/{x}/{y}{r}.png", TERRITORY, 10, 10);
    assert.match(u, /^https:\/\/a\.t\.example\/10\/\d+\/\d+\.png$/);
});
