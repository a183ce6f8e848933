// Maillage service worker. The server stamps VERSION (a hash of the shell) and SHELL (every
// file it embeds, pb_public/stamp.go) when it serves this file, so a new deployment is a new
// worker. Shell: versioned precache, cache-first. Navigations: network first, the cached page
// when offline, failing or slow. /api/* is never cached. Map tiles: visited tiles in a bounded
// cache, and the tiles a user asked to keep for offline in a cache that is never trimmed.
// The server's own base map (/api/maillage/basemap/{z}/{x}/{y}.ext) is cached as tiles too.
// Web Push: a push shows its {title, body, url} as a notification; a click opens that view.
/* eslint-env serviceworker */

const VERSION = "__MAILLAGE_VERSION__";
const SHELL = /*__MAILLAGE_SHELL__*/[];
const SHELL_CACHE = "maillage-shell-" + VERSION;
const TILE_CACHE = "maillage-tiles";
const KEPT_CACHE = "maillage-tiles-kept";
const MAX_TILES = 1500;
const NAV_TIMEOUT_MS = 4000;
const TILE_PATH = /\/\d+\/\d+\/\d+(@2x)?\.(png|jpe?g|webp|pbf|mvt)$/;
const BASEMAP_PATH = /^\/api\/maillage\/basemap\/\d+\/\d+\/\d+\.(mvt|png|jpg|webp)$/;

self.addEventListener("install", (event) => {
    event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL.map((u) => new Request(u, { cache: "reload" })))));
    // A first install takes over at once; an update waits until the page asks (the banner).
});

self.addEventListener("activate", (event) => {
    event.waitUntil((async () => {
        for (const name of await caches.keys()) {
            if (name.startsWith("maillage-shell-") && name !== SHELL_CACHE) {
                await caches.delete(name);
            }
        }
        await self.clients.claim();
    })());
});

self.addEventListener("message", (event) => {
    if (event.data && event.data.type === "skipWaiting") {
        self.skipWaiting();
    }
});

self.addEventListener("fetch", (event) => {
    const req = event.request;
    if (req.method !== "GET") {
        return;
    }
    const url = new URL(req.url);
    const local = url.origin === self.location.origin;
    if (local && BASEMAP_PATH.test(url.pathname)) {
        event.respondWith(tile(req));
        return;
    }
    if (local && (url.pathname.startsWith("/api/") || url.pathname.startsWith("/_/"))) {
        return; // the network only: data goes through IndexedDB, never this cache
    }
    if (req.mode === "navigate") {
        event.respondWith(navigate(event));
    } else if (TILE_PATH.test(url.pathname) && !SHELL.includes(url.pathname)) {
        event.respondWith(tile(req));
    } else if (local && SHELL.length > 0) {
        event.respondWith(shell(req));
    }
});

/**
 * navigate serves the page from the network, and the cached shell page when offline, when the
 * server fails, or when the network has not answered within NAV_TIMEOUT_MS (a weak signal in
 * the street); the network's answer still refreshes the cache.
 */
function navigate(event) {
    const network = fetch(event.request).then(async (res) => {
        if (res.ok && SHELL.length > 0) {
            await (await caches.open(SHELL_CACHE)).put("/", res.clone());
        }
        return res;
    });
    event.waitUntil(network.catch(() => undefined));
    return caches.match("/", { cacheName: SHELL_CACHE }).then((cached) => {
        if (!cached) {
            return network;
        }
        const late = new Promise((resolve) => setTimeout(() => resolve(cached), NAV_TIMEOUT_MS));
        return Promise.race([network.then((res) => (res.ok ? res : cached), () => cached), late]);
    });
}

/** shell serves a shell file from the versioned cache, or the network. */
async function shell(req) {
    // ignoreVary: module scripts carry an Origin header and the server answers "Vary: Origin",
    // so without it no import() would match the precache offline.
    const cached = await caches.match(req, { cacheName: SHELL_CACHE, ignoreSearch: true, ignoreVary: true });
    return cached || fetch(req);
}

let puts = 0;

/** tile serves a map tile from the kept or visited caches, else fetches and keeps it. */
async function tile(req) {
    // ignoreVary: a tile's URL names its content; the kept copy matches whatever the headers.
    const kept = await caches.match(req, { cacheName: KEPT_CACHE, ignoreVary: true });
    const cached = kept || await caches.match(req, { cacheName: TILE_CACHE, ignoreVary: true });
    if (cached) {
        return cached;
    }
    const res = await fetch(req);
    if (res.ok || res.type === "opaque") {
        const cache = await caches.open(TILE_CACHE);
        await cache.put(req, res.clone());
        if (++puts % 50 === 0) {
            await trim(cache);
        }
    }
    return res;
}

/** trim drops the oldest visited tiles beyond MAX_TILES. */
async function trim(cache) {
    const keys = await cache.keys();
    for (const key of keys.slice(0, Math.max(0, keys.length - MAX_TILES))) {
        await cache.delete(key);
    }
}

self.addEventListener("push", (event) => {
    event.waitUntil(showPush(event.data));
});

self.addEventListener("notificationclick", (event) => {
    event.notification.close();
    event.waitUntil(openView(event.notification.data && event.notification.data.url));
});

/**
 * showPush shows a push's notification: the server sends JSON {title, body, url}; anything
 * else still shows (as its text), since a push the user never sees is not allowed.
 * @param {PushMessageData|null} data
 */
function showPush(data) {
    let note = {};
    try {
        note = data ? data.json() : {};
    } catch {
        note = { body: data ? data.text() : "" };
    }
    const url = sameOrigin(note.url);
    const shown = self.registration.showNotification(String(note.title || "Maillage"), {
        body: String(note.body || ""),
        icon: "/icons/icon-192.png",
        badge: "/icons/icon-192.png",
        data: { url },
    });
    // Open windows hear of it (something changed on the server: a view may refresh).
    return shown.then(() => self.clients.matchAll({ type: "window" }))
        .then((windows) => windows.forEach((w) => w.postMessage({ type: "maillage:push", url })));
}

/** sameOrigin is url resolved on this origin, "/" for anything elsewhere. */
function sameOrigin(url) {
    try {
        const u = new URL(String(url || "/"), self.location.origin);
        return u.origin === self.location.origin ? u.pathname + u.search + u.hash : "/";
    } catch {
        return "/";
    }
}

/**
 * openView shows url in an open window of the app (focused), or in a new one.
 * @param {string} url
 */
async function openView(url) {
    const target = new URL(sameOrigin(url), self.location.origin).href;
    const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    for (const client of windows) {
        if (new URL(client.url).origin === self.location.origin) {
            const focused = await client.focus();
            return (await focused.navigate(target).catch(() => null)) || focused;
        }
    }
    return self.clients.openWindow(target);
}
