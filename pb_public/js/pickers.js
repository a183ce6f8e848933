// @ts-check
// The controls of the contribution forms that are more than an input: category chips, a map
// with a pin to drag (Leaflet, loaded by index.html as window.L), the GPS fix with its
// accuracy, and a photo input whose pictures are resized on the device.
import { h } from "./ui/dom.js";
import { hasGeo } from "./geo.js";

/** Where the pin starts without a GPS fix: the middle of Plaine Commune. */
export const DEFAULT_CENTRE = { lat: 48.9245, lon: 2.3775 };

/**
 * categoryChips draws the categories as checkable chips (top-level ones first, the others in
 * a "more" box unless topOnly). The chips' value is the list of checked ids.
 * @param {Array<Record<string, any>>} categories local views of the categories
 * @param {string[]} selected
 * @param {{t: (k: string) => string, locale: string, topOnly?: boolean}} opts
 */
export function categoryChips(categories, selected, opts) {
    const name = (/** @type {any} */ c) => (opts.locale === "en" ? c.nameEn : c.nameFr) || c.nameFr || c.slug;
    const sorted = [...categories].sort((a, b) => (a.order || 0) - (b.order || 0) || name(a).localeCompare(name(b)));
    const chip = (/** @type {any} */ c) => h("label", {},
        h("input", { type: "checkbox", name: "categories", value: c.id, checked: selected.includes(c.id), "data-testid": "chip-" + c.slug }),
        h("span", {}, name(c)));
    const top = sorted.filter((c) => !c.parent);
    const subs = sorted.filter((c) => c.parent);
    const box = h("fieldset", { class: "field", id: "f-categories", "aria-describedby": "f-categories-error" },
        h("legend", {}, opts.t("form.categories")),
        h("div", { class: "chips" }, top.map(chip)),
        !opts.topOnly && subs.length > 0
            ? h("details", { open: subs.some((c) => selected.includes(c.id)) },
                h("summary", {}, opts.t("form.moreCategories")), h("div", { class: "chips" }, subs.map(chip)))
            : null,
        categories.length === 0 ? h("p", { class: "meta" }, opts.t("form.noCategories")) : null,
        h("p", { id: "f-categories-error", class: "field-error", hidden: true }));
    return box;
}

/**
 * checkedCategories reads the checked chips of a form.
 * @param {HTMLElement} form
 */
export function checkedCategories(form) {
    return Array.from(form.querySelectorAll('input[name="categories"]:checked'), (el) => /** @type {HTMLInputElement} */ (el).value);
}

/**
 * PinMap is a small map with a draggable pin; value is the pin's {lon, lat} or null.
 */
export class PinMap {
    /**
     * @param {{lon: number, lat: number}|null} point
     * @param {{tileUrl: string, tileAttribution: string}} config
     * @param {(p: {lon: number, lat: number}) => void} [onMove]
     * @param {{outlines?: any[], places?: Array<Record<string, any>>, label?: string}} [context]
     *   commune boundaries (GeoJSON) and known places drawn for orientation, even with no base
     *   tiles, and the map's accessible name
     */
    constructor(point, config, onMove, context = {}) {
        this.context = context;
        this.value = hasGeo(point) ? point : null;
        this.onMove = onMove || (() => {});
        this.el = h("div", { class: "map", "data-testid": "pin-map", role: "region", "aria-label": context.label || "" });
        this.config = config;
        /** @type {any} */ this.map = null;
        /** @type {any} */ this.marker = null;
        /** @type {any} */ this.circle = null;
    }

    /** start draws the map once the element is in the page (Leaflet needs its size). */
    start() {
        const L = /** @type {any} */ (globalThis).L;
        if (!L || this.map) {
            return;
        }
        const at = this.value || DEFAULT_CENTRE;
        this.map = L.map(this.el, { zoomControl: true, maxZoom: 19, minZoom: 3 }).setView([at.lat, at.lon], this.value ? 17 : 13);
        // data-zoom is the zoom once a zoom has ended: a zoom asked during the animation is
        // dropped by Leaflet, so the tests wait on this, not on the animation's duration.
        const showZoom = () => { this.el.dataset.zoom = String(this.map.getZoom()); };
        this.map.on("zoomend", showZoom);
        showZoom();
        if (this.config.tileUrl) {
            L.tileLayer(this.config.tileUrl, { attribution: this.config.tileAttribution, maxZoom: 19 }).addTo(this.map);
        }
        this.drawContext(L);
        this.marker = L.marker([at.lat, at.lon], { draggable: true, keyboard: true, title: this.context.label || "", icon: pinIcon(L) }).addTo(this.map);
        this.marker.on("dragend", () => this.set(this.marker.getLatLng(), false));
        this.marker.getElement()?.addEventListener("keydown", (/** @type {KeyboardEvent} */ ev) => this.nudge(ev));
        this.map.on("click", (/** @type {any} */ ev) => this.set(ev.latlng, true));
    }

    /**
     * drawContext draws the commune boundaries and the known places under the pin.
     * @param {any} L
     */
    drawContext(L) {
        for (const boundary of this.context.outlines || []) {
            L.geoJSON(boundary, { style: { color: "#073f33", weight: 2, fill: false, dashArray: "6 4" }, interactive: false }).addTo(this.map);
        }
        for (const p of (this.context.places || []).filter((r) => hasGeo(r.geo))) {
            L.circleMarker([p.geo.lat, p.geo.lon], { radius: 5, color: "#4a4a4a", weight: 1, fillOpacity: 0.6, interactive: false }).addTo(this.map);
        }
    }

    /**
     * showAccuracy draws the circle the GPS fix is known within.
     * @param {{lat: number, lon: number, accuracy: number}} fix
     */
    showAccuracy(fix) {
        const L = /** @type {any} */ (globalThis).L;
        if (!L || !this.map) {
            return;
        }
        this.circle ??= L.circle([fix.lat, fix.lon], { radius: fix.accuracy, color: "#0b5d4b", weight: 1, fillOpacity: 0.1, interactive: false }).addTo(this.map);
        this.circle.setLatLng([fix.lat, fix.lon]).setRadius(fix.accuracy);
    }

    /**
     * nudge moves the focused pin with the arrow keys, about 10 m a press (50 m with Shift),
     * so that the pin can be placed without a pointer.
     * @param {KeyboardEvent} ev
     */
    nudge(ev) {
        const step = (ev.shiftKey ? 5 : 1) * 0.0001;
        const d = { ArrowUp: [step, 0], ArrowDown: [-step, 0], ArrowLeft: [0, -step * 1.5], ArrowRight: [0, step * 1.5] }[ev.key];
        if (!d) {
            return;
        }
        ev.preventDefault();
        ev.stopPropagation();
        const at = this.marker.getLatLng();
        this.set({ lat: at.lat + d[0], lon: at.lng + d[1] }, true);
    }

    /**
     * set moves the pin (and the view when recentre).
     * @param {{lat: number, lng?: number, lon?: number}} ll
     * @param {boolean} recentre
     */
    set(ll, recentre) {
        this.value = { lat: round(ll.lat), lon: round(ll.lon ?? ll.lng ?? 0) };
        this.marker?.setLatLng([this.value.lat, this.value.lon]);
        if (recentre) {
            this.map?.setView([this.value.lat, this.value.lon], Math.max(this.map.getZoom(), 17));
        }
        this.onMove(this.value);
    }

    /** stop removes the map. */
    stop() {
        this.map?.remove();
        this.map = null;
        this.circle = null;
    }
}

/**
 * pinIcon draws the pin as a vector shape: sharp on every screen, with no image to load.
 * @param {any} L
 */
function pinIcon(L) {
    const svg = '<svg width="30" height="42" viewBox="0 0 30 42" aria-hidden="true" focusable="false">' +
        '<path d="M15 1C7.3 1 1 7.3 1 15c0 10.5 14 26 14 26s14-15.5 14-26C29 7.3 22.7 1 15 1z" fill="#a4121b" stroke="#fff" stroke-width="2"/>' +
        '<circle cx="15" cy="15" r="5" fill="#fff"/></svg>';
    return L.divIcon({ className: "pin-icon", html: svg, iconSize: [30, 42], iconAnchor: [15, 41] });
}

/** @param {number} x */
function round(x) {
    return Math.round(x * 1e6) / 1e6;
}

/**
 * watchGps follows the device's position; onFix gets {lat, lon, accuracy} or null when the
 * GPS is unavailable. Returns the function that stops watching.
 * @param {(fix: {lat: number, lon: number, accuracy: number}|null) => void} onFix
 */
export function watchGps(onFix) {
    if (!("geolocation" in navigator)) {
        onFix(null);
        return () => {};
    }
    const id = navigator.geolocation.watchPosition(
        (p) => onFix({ lat: p.coords.latitude, lon: p.coords.longitude, accuracy: Math.round(p.coords.accuracy) }),
        () => onFix(null),
        { enableHighAccuracy: true, maximumAge: 10_000, timeout: 30_000 });
    return () => navigator.geolocation.clearWatch(id);
}

/**
 * gpsAllowed tells whether the position may be read without asking (permission already
 * granted): the GPS then starts by itself, otherwise on a tap, never with a prompt on load.
 */
export async function gpsAllowed() {
    try {
        return (await navigator.permissions.query({ name: "geolocation" })).state === "granted";
    } catch {
        return false;
    }
}

/**
 * photoInput draws a file input for photos ("camera" opens the back camera on phones) with a
 * preview of the chosen picture.
 * @param {string} label
 * @param {{camera?: boolean, testid?: string}} [opts]
 */
export function photoInput(label, opts = {}) {
    const preview = h("img", { alt: "", hidden: true, class: "preview", width: "160" });
    const input = /** @type {HTMLInputElement} */ (h("input", {
        type: "file", accept: "image/*", name: "photo", capture: opts.camera ? "environment" : null,
        "data-testid": opts.testid || "field-photo", id: "f-photos", "aria-describedby": "f-photos-error",
        class: opts.camera ? "visually-hidden" : null,
    }));
    input.addEventListener("change", () => {
        const file = input.files?.[0];
        preview.hidden = !file;
        if (file) {
            /** @type {HTMLImageElement} */ (preview).src = URL.createObjectURL(file);
        }
    });
    // In the cartoparty the whole label is the big camera button; the input stays focusable.
    const labelEl = h("label", { for: "f-photos", class: opts.camera ? "button big photo-button" : null }, label);
    const box = h("div", { class: "field photos" }, labelEl, input, preview,
        h("p", { id: "f-photos-error", class: "field-error", hidden: true }));
    return { box, input, clear: () => { input.value = ""; preview.hidden = true; } };
}
