// @ts-check
// The navigation's icons: inline SVG drawn with strokes on a 24×24 grid in the text's colour,
// so no icon font and no request. Decorative: the label beside each icon names the link.

const SVG = "http://www.w3.org/2000/svg";

/** ICONS holds each icon's path data, by the name of the view it stands for. */
export const ICONS = {
    map: "M3 6l6-2 6 2 6-2v14l-6 2-6-2-6 2z M9 4v14 M15 6v14",
    list: "M9 6h11 M9 12h11 M9 18h11 M4 6h1 M4 12h1 M4 18h1",
    agenda: "M4 6h16v14H4z M4 10h16 M8 3v5 M16 3v5",
    directory: "M9 11a3 3 0 1 0 0-6a3 3 0 1 0 0 6z M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6 M16 5a3 3 0 0 1 0 6 M18 14c2 .6 3 2.8 3 6",
    offers: "M4 8h14 M14 4l4 4-4 4 M20 16H6 M10 12l-4 4 4 4",
    contribute: "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z M12 8v8 M8 12h8",
    outbox: "M4 14v6h16v-6 M12 3v11 M8 7l4-4 4 4",
    messages: "M4 5h16v11H9l-5 4z M8 9h8 M8 12h5",
    account: "M12 12a4 4 0 1 0 0-8a4 4 0 1 0 0 8z M4 21c0-4.4 3.6-8 8-8s8 3.6 8 8",
    about: "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z M12 11v6 M12 7.5v.5",
    duplicates: "M4 4h10v10H4z M10 10h10v10H10z",
    moderation: "M12 3l8 3v6c0 4.5-3.4 8-8 9c-4.6-1-8-4.5-8-9V6z M8.5 12l2.5 2.5 4.5-5",
    forum: "M4 5h12v9H9l-4 3v-3H4z M16 9h4v9h-1v3l-4-3h-5v-4",
    wiki: "M4 5h6a2 2 0 0 1 2 2v13a2 2 0 0 0-2-2H4z M20 5h-6a2 2 0 0 0-2 2v13a2 2 0 0 1 2-2h6z",
    proposals: "M6 4h12v16H6z M9 9l2 2 4-4 M9 15h6",
    network: "M6 6a2 2 0 1 0 0.01 0z M18 6a2 2 0 1 0 0.01 0z M12 18a2 2 0 1 0 0.01 0z M8 6h8 M7 8l4 8 M17 8l-4 8",
    evaluation: "M4 20h16 M6 16v-4 M11 16V8 M16 16v-6 M20 5l-5 4-4-2-6 4",
    more: "M5 11a1 1 0 1 0 0 2a1 1 0 1 0 0-2z M12 11a1 1 0 1 0 0 2a1 1 0 1 0 0-2z M19 11a1 1 0 1 0 0 2a1 1 0 1 0 0-2z",
};

/**
 * icon draws the icon of a view (an empty one for a name with no icon), hidden from assistive
 * technologies and out of the focus order.
 * @param {string} name
 * @returns {SVGSVGElement}
 */
export function icon(name) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "icon");
    const path = document.createElementNS(SVG, "path");
    path.setAttribute("d", ICONS[/** @type {keyof typeof ICONS} */ (name)] || "");
    svg.appendChild(path);
    return svg;
}
