// A local tile server for the tests (tests never reach outside the machine): every
// /{z}/{x}/{y}.png answers a plain 256×256 tile with a grid line, with CORS, and counts hits.
import { createServer } from "node:http";
import { encodePNG } from "../../scripts/png.mjs";

/** tilePNG draws a pale 256×256 RGB tile with a darker line along its top and left edges. */
export function tilePNG() {
    const rows = [];
    for (let y = 0; y < 256; y++) {
        const row = Buffer.alloc(1 + 256 * 3);
        for (let x = 0; x < 256; x++) {
            const edge = x === 0 || y === 0;
            row.set(edge ? [200, 210, 200] : [236, 241, 234], 1 + x * 3);
        }
        rows.push(row);
    }
    return encodePNG(256, Buffer.concat(rows), 2);
}

/**
 * startTileServer serves tiles on a free local port.
 * @returns {Promise<{template: string, hits: () => number, stop: () => Promise<void>}>}
 */
export async function startTileServer() {
    const png = tilePNG();
    let hits = 0;
    const srv = createServer((req, res) => {
        if (!/^\/\d+\/\d+\/\d+\.png$/.test(req.url || "")) {
            res.writeHead(404).end();
            return;
        }
        hits++;
        res.writeHead(200, { "Content-Type": "image/png", "Access-Control-Allow-Origin": "*", "Cache-Control": "max-age=86400" });
        res.end(png);
    });
    await new Promise((resolve) => srv.listen(0, "127.0.0.1", () => resolve(undefined)));
    const { port } = /** @type {import("node:net").AddressInfo} */ (srv.address());
    return {
        template: `http://127.0.0.1:${port}/{z}/{x}/{y}.png`,
        hits: () => hits,
        stop: () => new Promise((resolve) => { srv.closeAllConnections(); srv.close(() => resolve()); }),
    };
}
