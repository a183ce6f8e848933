// @ts-check
// Distances and the "similar place nearby" check of the cartoparty mode. Pure.
import { normalise } from "./search.js";

/**
 * distanceM returns the great-circle distance in metres between two {lon, lat} points.
 * @param {{lon: number, lat: number}} a
 * @param {{lon: number, lat: number}} b
 */
export function distanceM(a, b) {
    const rad = Math.PI / 180;
    const dLat = (b.lat - a.lat) * rad;
    const dLon = (b.lon - a.lon) * rad;
    const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
    return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}

/**
 * hasGeo reports whether a record has a usable point (PocketBase stores "no point" as 0,0).
 * @param {any} geo
 */
export function hasGeo(geo) {
    return Boolean(geo) && typeof geo.lon === "number" && typeof geo.lat === "number" && (geo.lon !== 0 || geo.lat !== 0);
}

/**
 * similarName reports whether two names are alike: equal once normalised, or one holds the
 * other's words.
 * @param {string} a
 * @param {string} b
 */
export function similarName(a, b) {
    const na = normalise(a);
    const nb = normalise(b);
    if (!na || !nb) {
        return false;
    }
    return na === nb || (" " + na + " ").includes(" " + nb + " ") || (" " + nb + " ").includes(" " + na + " ");
}

/**
 * similarNearby returns the first record whose name is similar to name within radiusM of at,
 * with its distance, or null.
 * @param {Array<Record<string, any>>} rows
 * @param {string} name
 * @param {{lon: number, lat: number}} at
 * @param {number} [radiusM]
 */
export function similarNearby(rows, name, at, radiusM = 50) {
    for (const r of rows) {
        if (!hasGeo(r.geo) || !similarName(r.name || r.title || "", name)) {
            continue;
        }
        const d = distanceM(at, r.geo);
        if (d <= radiusM) {
            return { row: r, meters: Math.round(d) };
        }
    }
    return null;
}
