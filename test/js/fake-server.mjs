// A scripted Maillage server for the sync unit tests: fetch is replaced by a function that
// answers each request from a handler, as the real routes would (the e2e tests run the real
// server). api.js reads location.origin when loaded, so it is set here first.
globalThis.location ??= /** @type {any} */ ({ origin: "http://maillage.test" });

/**
 * serve makes handler answer every fetch: it gets (method, path, body, signal) and returns the
 * JSON to answer 200 with, or {status, json} for another status; a handler that throws is a
 * dropped connection. Returns the list of requests seen, as "METHOD path".
 * @param {(method: string, path: string, body: any, signal: AbortSignal) => any} handler
 */
export function serve(handler) {
    const seen = [];
    globalThis.fetch = async (path, init = {}) => {
        seen.push(`${init.method || "GET"} ${path}`);
        const body = typeof init.body === "string" ? JSON.parse(init.body) : init.body;
        const out = await handler(init.method || "GET", String(path), body, init.signal);
        const { status, json } = out && out.status ? out : { status: 200, json: out };
        return new Response(JSON.stringify(json), { status, headers: { "Content-Type": "application/json" } });
    };
    return seen;
}

/**
 * hang never answers, until signal aborts the request (as fetch does).
 * @param {AbortSignal} signal
 */
export function hang(signal) {
    return new Promise((_, reject) => {
        signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
    });
}

/**
 * snapshotPage answers a snapshot request with every row of rows in one page.
 * @param {Array<{id: string, rev: number, r: any}>} rows
 */
export function snapshotPage(rows) {
    return { snapshotSeq: 10, records: rows, nextAfterId: "", done: true };
}
