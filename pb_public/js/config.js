// @ts-check
// The server's public settings (GET /api/maillage/config: tile URL and attribution), kept in
// localStorage so that the map knows its tiles offline too.
import { call } from "./api.js";

const KEY = "maillage.config";

/** @typedef {{tileUrl: string, tileAttribution: string, currencyName: string, basemap: import("./ui/basemap.js").Basemap|null}} PublicConfig */

/**
 * loadConfig returns the settings. When some were kept it answers with them at once and
 * refreshes them from the server in the background (the returned object is updated in place,
 * so views drawn after the answer use it): a start offline, or on a network that does not
 * answer, never waits for the network before drawing the local data. A first visit, with
 * nothing kept, waits for the server (empty settings when it cannot be reached).
 * @returns {Promise<PublicConfig>}
 */
export async function loadConfig() {
    const refreshed = fetchConfig();
    if (localStorage.getItem(KEY) === null) {
        return refreshed.catch(() => savedConfig());
    }
    const cfg = savedConfig();
    refreshed.then((fresh) => Object.assign(cfg, fresh), () => { /* offline: the kept settings stay */ });
    return cfg;
}

/**
 * fetchConfig asks the server for the settings and keeps them.
 * @returns {Promise<PublicConfig>}
 */
async function fetchConfig() {
    const cfg = await call("GET", "/api/maillage/config");
    localStorage.setItem(KEY, JSON.stringify(cfg));
    return pick(cfg);
}

/** savedConfig returns the settings last fetched (empty before the first visit online). */
function savedConfig() {
    try {
        return pick(JSON.parse(localStorage.getItem(KEY) || "{}"));
    } catch {
        return pick({});
    }
}

/**
 * pick keeps the settings the PWA uses, with their defaults.
 * @param {any} cfg
 * @returns {PublicConfig}
 */
function pick(cfg) {
    return { tileUrl: cfg.tileUrl || "", tileAttribution: cfg.tileAttribution || "", currencyName: cfg.currencyName || "",
        basemap: cfg.basemap && cfg.basemap.url ? cfg.basemap : null };
}
