// Draws the PWA's icons (no external files): a white mesh of five linked nodes on Maillage's
// green. Writes pb_public/icons/icon-{192,512}.png (rounded, purpose "any"),
// maskable-{192,512}.png (full bleed, the mesh inside the 80 % safe zone) and icon.svg.
// Run: node scripts/icons.mjs
import { writeFileSync } from "node:fs";
import { encodePNG } from "./png.mjs";

const OUT = new URL("../pb_public/icons/", import.meta.url);
const GREEN = [0x0b, 0x5d, 0x4b];
const NODES = [[0.30, 0.32], [0.70, 0.30], [0.50, 0.52], [0.28, 0.70], [0.72, 0.70]];
const EDGES = [[0, 1], [0, 2], [1, 2], [2, 3], [2, 4], [3, 4], [0, 3], [1, 4]];
const NODE_R = 0.065;
const LINE_W = 0.022;

/** distSeg is the distance from p to the segment ab. */
function distSeg(p, a, b) {
    const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
    const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/** inMesh tells whether unit point p is on the white mesh (scale shrinks it around the centre). */
function inMesh(p, scale) {
    const q = [(p[0] - 0.5) / scale + 0.5, (p[1] - 0.5) / scale + 0.5];
    return NODES.some((n) => Math.hypot(q[0] - n[0], q[1] - n[1]) <= NODE_R) ||
        EDGES.some(([a, b]) => distSeg(q, NODES[a], NODES[b]) <= LINE_W);
}

/** inRounded tells whether p lies inside a square with rounded corners of radius r. */
function inRounded(p, r) {
    const cx = Math.min(Math.max(p[0], r), 1 - r);
    const cy = Math.min(Math.max(p[1], r), 1 - r);
    return Math.hypot(p[0] - cx, p[1] - cy) <= r;
}

/** pixel returns the RGBA of unit point p, 4×4 supersampled by the caller. */
function pixel(p, maskable) {
    if (!maskable && !inRounded(p, 0.2)) {
        return [0, 0, 0, 0];
    }
    return inMesh(p, maskable ? 0.72 : 0.9) ? [255, 255, 255, 255] : [...GREEN, 255];
}

/** draw renders a size×size RGBA image with 4×4 antialiasing. */
function draw(size, maskable) {
    const rows = [];
    for (let y = 0; y < size; y++) {
        const row = Buffer.alloc(1 + size * 4);
        for (let x = 0; x < size; x++) {
            const acc = [0, 0, 0, 0];
            for (let s = 0; s < 16; s++) {
                const c = pixel([(x + (s % 4 + 0.5) / 4) / size, (y + (Math.floor(s / 4) + 0.5) / 4) / size], maskable);
                for (let i = 0; i < 3; i++) acc[i] += c[i] * c[3];
                acc[3] += c[3];
            }
            const a = acc[3] / 16;
            for (let i = 0; i < 3; i++) row[1 + x * 4 + i] = acc[3] ? Math.round(acc[i] / acc[3]) : 0;
            row[1 + x * 4 + 3] = Math.round(a);
        }
        rows.push(row);
    }
    return encodePNG(size, Buffer.concat(rows), 6);
}

/** svg writes the same icon as a vector (favicon). */
function svg() {
    const s = (v) => (((v - 0.5) * 0.9 + 0.5) * 100).toFixed(1);
    const lines = EDGES.map(([a, b]) => `<line x1="${s(NODES[a][0])}" y1="${s(NODES[a][1])}" x2="${s(NODES[b][0])}" y2="${s(NODES[b][1])}"/>`).join("");
    const dots = NODES.map(([x, y]) => `<circle cx="${s(x)}" cy="${s(y)}" r="${(NODE_R * 90).toFixed(1)}"/>`).join("");
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" rx="20" fill="#0b5d4b"/>` +
        `<g stroke="#fff" stroke-width="${(LINE_W * 180).toFixed(1)}" fill="#fff">${lines}${dots}</g></svg>\n`;
}

for (const size of [192, 512]) {
    writeFileSync(new URL(`icon-${size}.png`, OUT), draw(size, false));
    writeFileSync(new URL(`maskable-${size}.png`, OUT), draw(size, true));
}
writeFileSync(new URL("icon.svg", OUT), svg());
console.log("icons written to pb_public/icons/");
