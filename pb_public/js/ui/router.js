// @ts-check
// Hash routes of the PWA. Each route names a view module js/views/<view>.js, imported lazily,
// which exports `async function render(main, params, ctx)`: main is the <main> element, params
// the route's named parts plus the query (#/list?q=jardin → {q: "jardin"}), ctx is
// {db, sync, session, t, navigate, onData} made by app.js. render may return a function, called
// before the next view is drawn (to drop listeners or timers). A view's data callbacks
// (ctx.onData) run one at a time with the router's draws and never once the view is left: a
// callback should return its redraw's promise.
import { markCurrent } from "./nav.js";

/** @typedef {{view: string, params: Record<string, string>}} Match */

/** ROUTES maps a path pattern (":name" is a part) to the view that draws it; first match wins. */
export const ROUTES = [
    ["map", "map"],
    ["list", "list"],
    ["i/:collection/:id", "detail"],
    ["agenda", "agenda"],
    ["directory", "directory"],
    ["offers", "offers"],
    ["about", "about"],
    ["contribute", "contribute"],
    ["contribute/:collection", "contribute"],
    ["edit/:collection/:id", "contribute"],
    ["cartoparty", "cartoparty"],
    ["outbox", "outbox"],
    ["conflicts", "conflicts"],
    ["account", "account"],
    ["more", "more"],
    ["duplicates", "duplicates"],
    ["moderation", "moderation"],
    ["forum", "forum"],
    ["forum/:id", "forum"],
    ["proposals", "proposals"],
    ["proposals/:id", "proposals"],
    ["wiki", "wiki"],
    ["wiki/:id", "wiki"],
    ["wiki/:id/:edit", "wiki"],
    ["network", "network"],
    ["evaluation", "evaluation"],
    ["messages", "messages"],
    ["messages/:id", "messages"],
];

/** DEFAULT is the view of an empty or unknown hash. */
export const DEFAULT = "map";

/**
 * match finds the view and params of a hash such as "#/i/initiatives/abc?x=1".
 * An unknown path falls back to the map.
 * @param {string} hash
 * @returns {Match}
 */
export function match(hash) {
    const [path, query = ""] = hash.replace(/^#\/?/, "").split("?");
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
    const params = Object.fromEntries(new URLSearchParams(query));
    for (const [pattern, view] of ROUTES) {
        const named = bind(pattern.split("/"), parts);
        if (named) {
            return { view, params: { ...params, ...named } };
        }
    }
    return { view: DEFAULT, params };
}

/**
 * bind matches path parts against pattern parts and returns the named parts, or null.
 * @param {string[]} pattern
 * @param {string[]} parts
 */
function bind(pattern, parts) {
    if (pattern.length !== parts.length) {
        return null;
    }
    /** @type {Record<string, string>} */
    const named = {};
    for (let i = 0; i < pattern.length; i++) {
        if (pattern[i].startsWith(":")) {
            named[pattern[i].slice(1)] = parts[i];
        } else if (pattern[i] !== parts[i]) {
            return null;
        }
    }
    return named;
}

/**
 * href builds a hash for a view and its parts: href("i", "events", id) → "#/i/events/<id>".
 * @param {...string} parts
 */
export function href(...parts) {
    return "#/" + parts.map(encodeURIComponent).join("/");
}

/** Router draws the view of the current hash into main and keeps the nav's current link. */
export class Router {
    /**
     * @param {HTMLElement} main
     * @param {any} ctx
     * @param {(view: string) => Promise<{render: Function}>} [load]
     */
    constructor(main, ctx, load = (view) => import(`../views/${view}.js`)) {
        this.main = main;
        this.ctx = ctx;
        this.load = load;
        this.drawn = "";
        /** @type {{refresh: boolean}|null} */
        this.wanted = null;
        /** @type {Promise<void>|null} */
        this.running = null;
        /** @type {(() => void)|null} */
        this.cleanup = null;
        /** generation counts the views drawn; a data callback of an earlier one is dropped. */
        this.generation = 0;
        /** @type {Array<() => Promise<void>>} */
        this.refreshes = [];
    }

    /** start draws the current hash and every later one. */
    start() {
        window.addEventListener("hashchange", () => {
            if (isRoute(location.hash)) {
                this.draw();
            }
        });
        return this.draw();
    }

    /**
     * draw renders the view of the current hash; refresh=true redraws it after data changed,
     * without moving focus. Draws run one at a time: one asked while another runs waits, and
     * all those asked meanwhile make one draw of the latest hash, so a slow view can never
     * overwrite the next one.
     * @param {boolean} [refresh]
     * @returns {Promise<void>}
     */
    draw(refresh = false) {
        this.wanted = { refresh: refresh && (this.wanted ? this.wanted.refresh : true) };
        this.running ??= this.drain();
        return this.running;
    }

    /**
     * drain draws until no draw is wanted and runs the views' data callbacks in between, one
     * at a time (running is cleared in the same turn as the check). A wanted draw goes first:
     * the callbacks it makes stale are dropped unrun.
     */
    async drain() {
        try {
            while (this.wanted || this.refreshes.length) {
                if (this.wanted) {
                    const { refresh } = this.wanted;
                    this.wanted = null;
                    this.refreshes = [];
                    await this.drawSafely(refresh);
                } else {
                    await /** @type {() => Promise<void>} */ (this.refreshes.shift())();
                }
            }
        } finally {
            this.running = null;
        }
    }

    /**
     * viewContext is the ctx of the view drawn as generation gen: its onData callbacks queue
     * behind the router's draws and are dropped once another view is drawn, so that a redraw
     * still reading the device's store never overwrites the next view.
     * @param {number} gen
     */
    viewContext(gen) {
        const base = this.ctx;
        const onData = (/** @type {(what: string[]) => any} */ fn, /** @type {number|undefined} */ ms) =>
            base.onData((/** @type {string[]} */ what) => this.whileShown(gen, () => fn(what)), ms);
        return Object.create(base, { onData: { value: onData } });
    }

    /**
     * whileShown queues fn to run after the draws under way if view generation gen still shows.
     * @param {number} gen
     * @param {() => any} fn
     */
    whileShown(gen, fn) {
        this.refreshes.push(async () => {
            if (gen !== this.generation) {
                return;
            }
            try {
                await fn();
            } catch (err) {
                console.error("view refresh failed", err);
            }
        });
        this.running ??= this.drain();
    }

    /**
     * drawSafely draws, showing a failing view's error instead of stopping the router.
     * @param {boolean} refresh
     */
    async drawSafely(refresh) {
        try {
            await this.drawNow(refresh);
        } catch (err) {
            console.error("view failed", err);
            this.main.replaceChildren(Object.assign(document.createElement("p"), { className: "notice", textContent: String(err) }));
        }
    }

    /**
     * drawNow renders the current hash's view.
     * @param {boolean} refresh
     */
    async drawNow(refresh) {
        const hash = location.hash; // the hash drawn, even if another is asked meanwhile
        const { view, params } = match(hash);
        markCurrent(view);
        const mod = await this.load(view);
        this.cleanup?.();
        this.cleanup = null;
        this.main.dataset.view = view;
        const done = await mod.render(this.main, params, this.viewContext(++this.generation));
        this.cleanup = typeof done === "function" ? done : null;
        // Focus follows navigation, not the first load: there the skip link comes first.
        if (!refresh && this.drawn && hash !== this.drawn) {
            focusHeading(this.main);
        }
        nameDocument(this.main);
        this.drawn = hash;
        document.dispatchEvent(new CustomEvent("maillage:view", { detail: { view, params } }));
    }
}

/**
 * isRoute tells a route ("#/list", or no hash) from an in-page anchor such as "#main".
 * @param {string} hash
 */
export function isRoute(hash) {
    return hash === "" || hash === "#" || hash.startsWith("#/");
}

/**
 * nameDocument titles the document after the view's h1 ("Agenda · Maillage"), so the tab,
 * the history and screen readers name the page shown.
 * @param {HTMLElement} main
 */
function nameDocument(main) {
    const heading = main.querySelector("h1")?.textContent?.trim();
    document.title = heading && heading !== "Maillage" ? `${heading} · Maillage` : "Maillage";
}

/**
 * focusHeading moves focus to the view's h1 so screen readers announce the new page.
 * @param {HTMLElement} main
 */
export function focusHeading(main) {
    const h1 = /** @type {HTMLElement|null} */ (main.querySelector("h1"));
    if (h1) {
        h1.tabIndex = -1;
        h1.focus({ preventScroll: true });
    }
}
