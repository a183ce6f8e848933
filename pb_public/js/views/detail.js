// @ts-check
// The page of one initiative, event, organisation or offer, from IndexedDB: photos, contact,
// how to get there, share link, and for events "add to my calendar".
import { row as readRow } from "../db.js";
import { categories, communes, records, titleOf } from "../data.js";
import { discussionsFor } from "../discussions.js";
import { hasGeo } from "../geo.js";
import { isOpenAt } from "../hours.js";
import { locale } from "../i18n.js";
import { blobURL } from "../media.js";
import { keptRecord } from "../redirect.js";
import { announce, h, localDate } from "../ui/dom.js";
import { downloadICS } from "../ui/calendar.js";
import { creditLine } from "../ui/credit.js";
import { href } from "../ui/router.js";
import { structuredData } from "../ui/structured.js";
import { exchangePanel } from "./exchange.js";
import { historyFor } from "../history.js";
import { suggestPanel } from "../suggest.js";
import { moderationPanel } from "../report.js";
import { linksPanel } from "../links.js";
import { wikiFor } from "../wiki-about.js";

const SHOWN = ["initiatives", "events", "organisations", "offers"];

/**
 * render draws the page of params.collection/params.id.
 * @param {HTMLElement} main
 * @param {Record<string, string>} params
 * @param {any} ctx
 */
export async function render(main, params, ctx) {
    const t = ctx.t;
    const { collection: c, id } = params;
    const stored = SHOWN.includes(c) ? await readRow(ctx.db, c, id) : undefined;
    const rec = stored && stored.view && !stored.view.deleted ? stored.view : null;
    if (!rec) {
        const kept = SHOWN.includes(c) ? await keptRecord(c, id, stored?.view) : "";
        if (kept && kept !== id) {
            announce(t("detail.merged")); // merged into another record: show that one instead
            location.replace(href("i", c, kept));
            return;
        }
        main.replaceChildren(h("h1", {}, t("detail.notFoundTitle")),
            h("p", { class: "notice", "data-testid": "detail-not-found" }, t("detail.notFound")),
            h("a", { href: "#/list", class: "button secondary" }, t("detail.back")));
        return;
    }
    const [cats, towns] = await Promise.all([categories(ctx.db), communes(ctx.db)]);
    main.replaceChildren(h("article", { class: "detail", "data-testid": "detail", "data-collection": c, "data-id": id },
        h("p", { class: "meta" }, h("span", { class: "chip kind" }, t("kind." + c)),
            rec.status === "pending" ? h("span", { class: "chip pending" }, t("detail.pending")) : null),
        h("h1", { "data-testid": "detail-title" }, titleOf(rec)),
        chips(rec, cats),
        paragraphs(rec.description),
        h("dl", { class: "props" }, ...props(c, rec, towns, t)),
        creditLine(rec, t),
        await photos(ctx.db, c, rec, t),
        await related(ctx.db, c, rec, t),
        await wikiFor(c, rec, ctx),
        actions(c, rec, ctx),
        await suggestPanel(c, rec, ctx),
        await exchangePanel(c, rec, ctx),
        await linksPanel(c, rec, ctx),
        await discussionsFor(c, rec, ctx),
        historyFor(c, rec, ctx),
        moderationPanel(c, rec, ctx),
        await structuredData(ctx.db, c, rec)));
}

/**
 * chips lists the record's categories.
 * @param {Record<string, any>} rec
 * @param {Map<string, import("../data.js").Category>} cats
 */
function chips(rec, cats) {
    const list = (rec.categories || []).map((/** @type {string} */ id) => cats.get(id)).filter(Boolean);
    return list.length ? h("p", { class: "cats" }, list.map((/** @type {any} */ cat) =>
        h("span", { class: "chip" }, h("span", { class: "swatch", style: `background:${cat.color}`, "aria-hidden": "true" }), cat.name))) : null;
}

/**
 * paragraphs splits a description on blank lines.
 * @param {string} text
 */
function paragraphs(text) {
    return h("div", { class: "description" }, String(text || "").split(/\n\s*\n/).filter((p) => p.trim()).map((p) => h("p", {}, p)));
}

/**
 * props returns the dt/dd pairs worth showing for a record of collection c.
 * @param {string} c
 * @param {Record<string, any>} r
 * @param {import("../data.js").Commune[]} towns
 * @param {(k: string, p?: any) => string} t
 */
function props(c, r, towns, t) {
    const loc = locale();
    const commune = towns.find((x) => x.id === r.commune)?.name;
    /** @type {Array<[string, any]>} */
    const pairs = [
        ["detail.when", c === "events" ? when(r, loc, t) : ""],
        ["detail.where", r.place], ["detail.address", r.address], ["list.commune", commune],
        ["detail.hours", r.openingHours ? hours(r.openingHours, t) : ""], ["detail.price", c === "offers" ? price(r) : r.price],
        ["detail.mode", c === "offers" ? t("mode." + r.mode) + " · " + t(r.kind === "need" ? "offers.need" : "offers.offer") : ""],
        ["detail.state", c === "offers" && r.state ? t("state." + r.state) : ""],
        ["detail.contact", r.contact ? contact(r.contact) : ""],
        ["detail.website", r.website ? h("a", { href: r.website, rel: "noopener", target: "_blank" }, r.website) : ""],
        ["detail.register", r.registrationUrl ? h("a", { href: r.registrationUrl, rel: "noopener", target: "_blank" }, r.registrationUrl) : ""],
    ];
    return pairs.filter(([, v]) => v).flatMap(([k, v]) => [h("dt", {}, t(k)), h("dd", {}, v)]);
}

/**
 * hours shows opening hours with whether the place is open right now (when they can be read).
 * @param {string} text
 * @param {(k: string) => string} t
 */
function hours(text, t) {
    const open = isOpenAt(text, new Date());
    return h("span", {}, text, " ", open === null ? null : h("span", { class: "chip" + (open ? "" : " pending") }, t(open ? "detail.openNow" : "detail.closedNow")));
}

/**
 * contact turns the e-mail addresses and phone numbers of a contact line into links.
 * @param {string} text
 */
function contact(text) {
    return h("span", {}, text.split(/(\s·\s|,\s|;\s)/).map((part) => {
        if (/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(part)) {
            return h("a", { href: "mailto:" + part }, part);
        }
        if (/^\+?[\d\s.()-]{8,}$/.test(part)) {
            return h("a", { href: "tel:" + part.replace(/[^\d+]/g, "") }, part);
        }
        return part;
    }));
}

/**
 * when writes an event's dates, and its recurrence.
 * @param {Record<string, any>} r
 * @param {string} loc
 * @param {(k: string) => string} t
 */
function when(r, loc, t) {
    const start = localDate(r.start, loc, Boolean(r.allDay));
    const end = r.end ? " → " + localDate(r.end, loc, Boolean(r.allDay)) : "";
    return start + end + (r.rrule ? " · " + t("agenda.recurring") : "");
}

/**
 * price writes an offer's price and local-currency amount.
 * @param {Record<string, any>} r
 */
function price(r) {
    return [r.price ? r.price + " €" : "", r.currencyAmount ? String(r.currencyAmount) + " ⓜ" : ""].filter(Boolean).join(" · ");
}

/**
 * photos shows the record's photos: from the server, or from the device for photos not sent yet.
 * @param {IDBDatabase} db
 * @param {string} c
 * @param {Record<string, any>} r
 * @param {(k: string) => string} t
 */
async function photos(db, c, r, t) {
    const names = [...(r.photos || []), ...(r.logo ? [r.logo] : [])].filter(Boolean);
    if (names.length === 0) {
        return null;
    }
    const imgs = await Promise.all(names.map(async (/** @type {string} */ name, /** @type {number} */ i) => {
        const local = await blobURL(db, name).catch(() => "");
        const src = local || `/api/files/${encodeURIComponent(c)}/${encodeURIComponent(r.id)}/${encodeURIComponent(name)}?thumb=480x0`;
        const alt = t("detail.photoAlt", { name: titleOf(r), n: i + 1 });
        return h("img", { src, alt, loading: "lazy", width: 480,
            onerror: (/** @type {Event} */ ev) => /** @type {HTMLElement} */ (ev.target).replaceWith(h("p", { class: "meta" }, t("detail.photoOffline"))) });
    }));
    return h("section", { class: "photos" }, h("h2", {}, t("detail.photos")), imgs);
}

/**
 * related lists the events of an initiative or an organisation.
 * @param {IDBDatabase} db
 * @param {string} c
 * @param {Record<string, any>} r
 * @param {(k: string) => string} t
 */
async function related(db, c, r, t) {
    const key = c === "initiatives" ? "initiative" : c === "organisations" ? "organiser" : "";
    const list = key ? (await records(db, "events")).filter((e) => e[key] === r.id) : [];
    return list.length ? h("section", {}, h("h2", {}, t("detail.events")),
        h("ul", {}, list.map((e) => h("li", {}, h("a", { href: href("i", "events", e.id) }, e.title))))) : null;
}

/**
 * actions: how to get there, share, add to my calendar, edit.
 * @param {string} c
 * @param {Record<string, any>} r
 * @param {any} ctx
 */
function actions(c, r, ctx) {
    const t = ctx.t;
    const copied = h("p", { role: "status", class: "meta" });
    const dest = hasGeo(r.geo) ? `${r.geo.lat.toFixed(6)},${r.geo.lon.toFixed(6)}` : "";
    return h("div", { class: "toolbar" },
        dest ? h("a", { class: "button", href: `https://www.openstreetmap.org/directions?to=${dest}#map=17/${dest.replace(",", "/")}`,
            rel: "noopener", target: "_blank", "data-testid": "detail-directions" }, t("detail.directions")) : null,
        h("button", { type: "button", class: "secondary", "data-testid": "detail-share", onclick: () => share(r, copied, t) }, t("detail.share")),
        c === "events" ? h("button", { type: "button", class: "secondary", "data-testid": "detail-ics", onclick: () => downloadICS(r) }, t("detail.ics")) : null,
        ctx.user() ? h("a", { class: "button secondary", href: href("edit", c, r.id), "data-testid": "detail-edit" }, t("detail.edit")) : null,
        copied);
}

/**
 * share opens the device's share sheet, or copies the page's link.
 * @param {Record<string, any>} r
 * @param {HTMLElement} out
 * @param {(k: string) => string} t
 */
async function share(r, out, t) {
    const url = location.href;
    try {
        if (navigator.share) {
            await navigator.share({ title: titleOf(r), url });
            return;
        }
        await navigator.clipboard.writeText(url);
        out.textContent = t("detail.copied");
    } catch {
        out.textContent = url;
    }
    announce(out.textContent || "");
}
