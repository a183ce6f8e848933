// @ts-check
// The server's public settings (GET /api/maillage/config: tile URL and attribution), kept in
// localStorage so that the map knows its tiles offline too.
import { call } from "./api.js";

const KEY = "maillage.config";

/** @typedef {{tileUrl: string, tileAttribution: string}} PublicConfig */

/**
 * loadConfig fetches the settings, or returns the last ones seen when offline.
 * @returns {Promise<PublicConfig>}
 */
export async function loadConfig() {
    try {
        const cfg = await call("GET", "/api/maillage/config");
        localStorage.setItem(KEY, JSON.stringify(cfg));
        return { tileUrl: cfg.tileUrl || "", tileAttribution: cfg.tileAttribution || "" };
    } catch {
        return savedConfig();
    }
}

/** savedConfig returns the settings last fetched (empty before the first visit online). */
function savedConfig() {
    try {
        const cfg = JSON.parse(localStorage.getItem(KEY) || "{}");
        return { tileUrl: cfg.tileUrl || "", tileAttribution: cfg.tileAttribution || "" };
    } catch {
        return { tileUrl: "", tileAttribution: "" };
    }
}
