// @ts-check
// The list's filters over the search index: type, category (a parent includes its
// sub-categories), commune, distance from me and "open now". Pure: tested with node --test.
import { distanceM, hasGeo } from "./geo.js";
import { isOpenAt } from "./hours.js";
import { search } from "./search.js";

/**
 * @typedef {{q: string, type: string, cat: string, commune: string, km: number, open: boolean}} Filters
 */

/**
 * filter searches the index and applies the filters.
 * @param {import("./search.js").IndexEntry[]} index
 * @param {Filters} f
 * @param {Map<string, {parent: string}>} cats categories by id (a parent matches its sub-categories)
 * @param {{lon: number, lat: number}|null} here the device's position, null when unknown
 * @param {Date} now for "open now"
 */
export function filter(index, f, cats, here, now) {
    return search(index, f.q).filter((e) => (!f.type || e.c === f.type) &&
        (!f.cat || (e.row.categories || []).some((/** @type {string} */ id) => id === f.cat || cats.get(id)?.parent === f.cat)) &&
        (!f.commune || e.row.commune === f.commune) &&
        (!f.km || (here !== null && hasGeo(e.row.geo) && distanceM(here, e.row.geo) <= f.km * 1000)) &&
        (!f.open || isOpenAt(e.row.openingHours, now) === true));
}
