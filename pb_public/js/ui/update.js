// @ts-check
// Registers the service worker and offers "a new version is available — reload" when a new
// worker waits, instead of serving an old version for days.

/** registerWorker registers /sw.js and watches for updates. */
export async function registerWorker() {
    if (!("serviceWorker" in navigator)) {
        return;
    }
    // Read before registering: on a first visit the new worker claims the page while it
    // installs, which is no update.
    const updating = Boolean(navigator.serviceWorker.controller);
    try {
        const reg = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
        if (reg.waiting && updating) {
            offerReload(reg.waiting);
        }
        reg.addEventListener("updatefound", () => watchInstall(reg));
        setInterval(() => reg.update().catch(() => {}), 30 * 60 * 1000);
    } catch {
        // No worker (private mode, http on a LAN): the app still runs online.
    }
}

/**
 * watchInstall offers the reload once the new worker is installed while an older one is
 * active (the first install needs no reload).
 * @param {ServiceWorkerRegistration} reg
 */
function watchInstall(reg) {
    const worker = reg.installing;
    worker?.addEventListener("statechange", () => {
        if (worker.state === "installed" && reg.active !== null && reg.active !== worker) {
            offerReload(worker);
        }
    });
}

/**
 * offerReload shows the banner; its button activates the waiting worker and reloads.
 * @param {ServiceWorker} worker
 */
function offerReload(worker) {
    const banner = document.getElementById("update");
    const button = document.getElementById("update-reload");
    if (!banner || !button) {
        return;
    }
    banner.hidden = false;
    button.onclick = () => {
        navigator.serviceWorker.addEventListener("controllerchange", () => location.reload());
        worker.postMessage({ type: "skipWaiting" });
    };
}
