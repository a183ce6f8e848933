// @ts-check
// Hash routes: #/map, #/list, #/detail/<collection>/<id>, #/agenda, #/directory, #/offers,
// #/contribute, #/new/<collection>, #/edit/<collection>/<id>, #/cartoparty, #/outbox,
// #/conflicts, #/account. Each view module registers its routes here.

/** @type {Map<string, (args: string[]) => any>} */
const routes = new Map();
let current = "";

/**
 * route registers the view rendering #/name/args….
 * @param {string} name
 * @param {(args: string[]) => any} render
 */
export function route(name, render) {
    routes.set(name, render);
}

/** parse splits the location hash into a route name and its arguments. */
export function parse() {
    const parts = location.hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
    return { name: parts[0] || "map", args: parts.slice(1) };
}

/**
 * render draws the current route; refresh=true redraws the same view after data changed
 * without moving focus.
 * @param {boolean} [refresh]
 */
export async function render(refresh = false) {
    const { name, args } = parse();
    const view = routes.get(name) || routes.get("map");
    if (!view) {
        return;
    }
    const key = location.hash;
    document.querySelectorAll(".nav a").forEach((a) => {
        const on = /** @type {HTMLAnchorElement} */ (a).hash === "#/" + name;
        if (on) { a.setAttribute("aria-current", "page"); } else { a.removeAttribute("aria-current"); }
    });
    await view(args);
    if (!refresh && key !== current) {
        const heading = document.querySelector("main h1");
        /** @type {HTMLElement|null} */ (heading || document.getElementById("main"))?.focus?.();
    }
    current = key;
}

/** currentRoute returns the name of the view shown. */
export function currentRoute() {
    return parse().name;
}

/** initRouter draws views on hash changes. */
export function initRouter() {
    window.addEventListener("hashchange", () => render());
}
