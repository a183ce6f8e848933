// @ts-check
// The network of cooperations drawn from the local store: the confirmed links whose both ends
// are local records (what this device may read), narrowed by link type, category and commune
// (a link stays when one of its ends is in them), and who may speak for a record in the
// network (its editors, as the server's network package counts them). Pure functions: the view
// (js/views/network.js) and the detail panel (js/links.js) read the records and draw.

/** LINK_TYPES are the kinds of cooperation, in the order the filters list them. */
export const LINK_TYPES = ["partnership", "membership", "funding", "sharedPlace", "supply", "other"];

/** NODE_COLLECTIONS are the collections a link joins. */
export const NODE_COLLECTIONS = ["organisations", "initiatives", "communities"];

/**
 * @typedef {{key: string, id: string, c: string, name: string, categories: string[], commune: string}} GraphNode
 * @typedef {{id: string, from: string, to: string, type: string, directed: boolean, start: string}} GraphEdge
 * @typedef {{type?: string, category?: string, commune?: string}} GraphFilter
 */

/**
 * keyOf names a record across collections.
 * @param {string} c
 * @param {string} id
 */
export function keyOf(c, id) {
    return c + "/" + id;
}

/**
 * buildGraph returns the nodes and edges of the confirmed links whose ends are in byKey,
 * narrowed by filter.
 * @param {Array<Record<string, any>>} links the local links
 * @param {Map<string, Record<string, any>>} byKey the local records by keyOf(collection, id)
 * @param {GraphFilter} [filter]
 * @returns {{nodes: GraphNode[], edges: GraphEdge[]}}
 */
export function buildGraph(links, byKey, filter = {}) {
    /** @type {Map<string, GraphNode>} */
    const nodes = new Map();
    /** @type {GraphEdge[]} */
    const edges = [];
    for (const l of links) {
        const from = keyOf(l.fromCollection, l.fromId);
        const to = keyOf(l.toCollection, l.toId);
        const a = byKey.get(from);
        const b = byKey.get(to);
        if (l.status !== "confirmed" || !a || !b || (filter.type && l.type !== filter.type) ||
            !(passes(a, filter) || passes(b, filter))) {
            continue;
        }
        edges.push({ id: l.id, from, to, type: l.type, directed: !!l.directed, start: (l.start || "").slice(0, 10) });
        for (const [key, rec] of [[from, a], [to, b]]) {
            if (!nodes.has(key)) {
                nodes.set(key, nodeOf(key, rec));
            }
        }
    }
    return { nodes: [...nodes.values()], edges };
}

/**
 * passes tells whether a record is in the filter's category and commune.
 * @param {Record<string, any>} rec
 * @param {GraphFilter} filter
 */
function passes(rec, filter) {
    return (!filter.category || (rec.categories || []).includes(filter.category)) &&
        (!filter.commune || rec.commune === filter.commune);
}

/**
 * nodeOf makes the node of a record.
 * @param {string} key
 * @param {Record<string, any>} rec
 * @returns {GraphNode}
 */
function nodeOf(key, rec) {
    const c = key.slice(0, key.indexOf("/"));
    return { key, id: rec.id, c, name: rec.name || rec.title || rec.id, categories: rec.categories || [], commune: rec.commune || "" };
}

/**
 * editorsOf lists who may speak for a record in the network: an organisation's author and
 * members, an initiative's author and its organisation's members, a community's owner (its
 * coordinators too, which the server knows).
 * @param {string} c
 * @param {Record<string, any>} rec
 * @param {Map<string, Record<string, any>>} byKey
 * @returns {string[]}
 */
export function editorsOf(c, rec, byKey) {
    if (c === "organisations") {
        return [rec.author, ...(rec.members || [])].filter(Boolean);
    }
    if (c === "initiatives") {
        const org = rec.organisation ? byKey.get(keyOf("organisations", rec.organisation)) : null;
        return [rec.author, ...(org?.members || [])].filter(Boolean);
    }
    return [rec.owner].filter(Boolean);
}

/**
 * linksOf sorts the links of the record c/id, for the user me: confirmed ones, those waiting
 * for the other side, and those addressed to a record me speaks for (toDecide).
 * @param {Array<Record<string, any>>} links
 * @param {string} c
 * @param {string} id
 * @param {string} me the signed-in user's id, "" for nobody
 */
export function linksOf(links, c, id, me) {
    const mine = links.filter((l) => (l.fromCollection === c && l.fromId === id) || (l.toCollection === c && l.toId === id));
    return {
        confirmed: mine.filter((l) => l.status === "confirmed"),
        waiting: mine.filter((l) => l.status === "proposed" && !(me && (l.toEditors || []).includes(me))),
        toDecide: mine.filter((l) => l.status === "proposed" && me && l.toCollection === c && l.toId === id &&
            (l.toEditors || []).includes(me)),
    };
}

/**
 * layout places the nodes with d3-force (a static layout: the simulation runs its ticks at once,
 * so that nothing moves on screen), inside width × height.
 * @param {{nodes: GraphNode[], edges: GraphEdge[]}} graph
 * @param {any} d3 the global of the vendored d3-force
 * @param {number} width
 * @param {number} height
 * @returns {Map<string, {x: number, y: number}>}
 */
export function layout(graph, d3, width, height) {
    const nodes = graph.nodes.map((n) => ({ key: n.key }));
    const links = graph.edges.map((e) => ({ source: e.from, target: e.to }));
    const sim = d3.forceSimulation(nodes)
        .force("link", d3.forceLink(links).id((/** @type {any} */ n) => n.key).distance(90))
        .force("charge", d3.forceManyBody().strength(-260))
        .force("collide", d3.forceCollide(28))
        .force("x", d3.forceX(width / 2).strength(0.06))
        .force("y", d3.forceY(height / 2).strength(0.06))
        .stop();
    for (let i = 0; i < 300; i++) {
        sim.tick();
    }
    const pad = 24;
    return new Map(nodes.map((/** @type {any} */ n) => [n.key, {
        x: Math.max(pad, Math.min(width - pad, n.x)), y: Math.max(pad, Math.min(height - pad, n.y)),
    }]));
}
