// @ts-check
// The look of the territory's vector base map, drawn by protomaps-leaflet: the layers of the
// Protomaps basemap schema (earth, water, landuse, roads, buildings, boundaries, places) in the
// house's colours (css/app.css: greens, paper, soft lines), labels in French first.

/** Colours of the base map, from the house's palette. */
export const COLOURS = {
    background: "#dfe9e5", earth: "#f7f5ef", water: "#b9d3de", park: "#d4e6d6", wood: "#c6dcc8",
    built: "#eeebe3", building: "#e2ddd2", road: "#ffffff", roadCasing: "#d9d3c6", major: "#f3e7c4",
    rail: "#b3b3b3", boundary: "#0b5d4b", label: "#1b1b1b", halo: "#ffffff", waterLabel: "#2f5f73",
};

/** LABEL_PROPS are the name properties read for a label: French, then the local name, then English. */
export const LABEL_PROPS = ["name:fr", "name", "name:en"];

/**
 * kindIs is a filter keeping features whose kind is one of kinds.
 * @param {...string} kinds
 */
const kindIs = (...kinds) => (/** @type {number} */ _z, /** @type {any} */ f) => kinds.includes(String(f.props.kind));

/**
 * paintRules returns the rules that fill and stroke the map, bottom first.
 * @param {any} P the protomapsL global
 */
export function paintRules(P) {
    const C = COLOURS;
    const fill = (/** @type {string} */ colour) => new P.PolygonSymbolizer({ fill: colour });
    const line = (/** @type {string} */ color, /** @type {number} */ width, /** @type {any} */ more = {}) =>
        new P.LineSymbolizer({ color, width: (/** @type {number} */ z) => width * Math.max(0.5, (z - 10) / 3), ...more });
    return [
        { dataLayer: "earth", symbolizer: fill(C.earth) },
        { dataLayer: "landcover", symbolizer: fill(C.wood), filter: kindIs("forest", "grassland", "scrub") },
        { dataLayer: "landuse", symbolizer: fill(C.park), filter: kindIs("park", "garden", "cemetery", "grass", "wood", "forest", "nature_reserve") },
        { dataLayer: "landuse", symbolizer: fill(C.built), filter: kindIs("residential", "industrial", "commercial", "school", "hospital", "university") },
        { dataLayer: "water", symbolizer: fill(C.water) },
        { dataLayer: "buildings", symbolizer: fill(C.building), minzoom: 14 },
        { dataLayer: "roads", symbolizer: line(C.roadCasing, 5), filter: kindIs("highway", "major_road") },
        { dataLayer: "roads", symbolizer: line(C.road, 2.5), filter: kindIs("minor_road", "other", "path") },
        { dataLayer: "roads", symbolizer: line(C.major, 3.5), filter: kindIs("highway", "major_road") },
        { dataLayer: "roads", symbolizer: line(C.rail, 1.5, { dash: [3, 3] }), filter: kindIs("rail") },
        { dataLayer: "boundaries", symbolizer: new P.LineSymbolizer({ color: C.boundary, width: 1.5, opacity: 0.6, dash: [4, 3] }) },
    ];
}

/**
 * labelRules returns the rules that place the names, in French when the data has it.
 * @param {any} P the protomapsL global
 */
export function labelRules(P) {
    const C = COLOURS;
    const text = (/** @type {string} */ font, /** @type {string} */ fill) =>
        ({ labelProps: LABEL_PROPS, font, fill, stroke: C.halo, width: 3 });
    return [
        { dataLayer: "places", symbolizer: new P.CenteredTextSymbolizer(text("600 14px system-ui, sans-serif", C.label)),
            filter: kindIs("locality", "neighbourhood", "macrohood") },
        { dataLayer: "roads", symbolizer: new P.LineLabelSymbolizer(text("12px system-ui, sans-serif", C.label)),
            filter: kindIs("major_road", "minor_road"), minzoom: 14 },
        { dataLayer: "water", symbolizer: new P.CenteredTextSymbolizer(text("italic 12px system-ui, sans-serif", C.waterLabel)), minzoom: 12 },
        { dataLayer: "pois", symbolizer: new P.CenteredTextSymbolizer(text("11px system-ui, sans-serif", C.label)), minzoom: 16 },
    ];
}
