// @ts-check
// A record as schema.org JSON-LD, the same document the server answers at
// GET /api/maillage/jsonld/{collection}/{id} (interop/export/jsonld.go): the detail page embeds
// it, built from the record kept in IndexedDB, so it is there offline too. Pure. The Go test
// and test/js/jsonld.test.mjs check both mappings against one file,
// interop/export/testdata/jsonld/expected.json.

/**
 * @typedef {{id: string, url: string, attribution: string}} Licence
 * @typedef {{base: string, licence: Licence, sources: Record<string, Licence>,
 *   categories: Record<string, string>, communes: Record<string, {name: string, code: string}>,
 *   organisations: Record<string, string>}} Refs
 */

/** The canonical pages of the usual open data licences, by SPDX id (as export/config.go). */
const LICENCES = {
    "ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
    "ODC-By-1.0": "https://opendatacommons.org/licenses/by/1-0/",
    "PDDL-1.0": "https://opendatacommons.org/licenses/pddl/1-0/",
    "etalab-2.0": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
};

/**
 * licenceURL is the page of a licence: a known one's, the licence itself when it is a URL, else
 * its SPDX page.
 * @param {string} id
 */
export function licenceURL(id) {
    if (Object.hasOwn(LICENCES, id)) {
        return LICENCES[/** @type {keyof typeof LICENCES} */ (id)];
    }
    return /^https?:\/\//.test(id) ? id : "https://spdx.org/licenses/" + id + ".html";
}

/**
 * put sets n[key] to v unless v is empty ("", [], {}, null).
 * @param {Record<string, any>} n
 * @param {string} key
 * @param {any} v
 */
function put(n, key, v) {
    if (v === "" || v === null || v === undefined || (Array.isArray(v) && v.length === 0) ||
        (typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0)) {
        return;
    }
    n[key] = v;
}

/** @param {number} x */
const round6 = (x) => Math.round(x * 1e6) / 1e6;

/**
 * instant writes a date as RFC 3339 UTC to the second, "" for none.
 * @param {string | null | undefined} v
 */
export function instant(v) {
    const d = v ? new Date(String(v).replace(" ", "T")) : null;
    return d && !Number.isNaN(d.getTime()) ? d.toISOString().slice(0, 19) + "Z" : "";
}

/**
 * dayIn writes the day of d in zone (UTC when the zone is empty or unknown).
 * @param {Date} d
 * @param {string} zone
 */
function dayIn(d, zone) {
    const opts = { year: "numeric", month: "2-digit", day: "2-digit" };
    try {
        return new Intl.DateTimeFormat("en-CA", { ...opts, timeZone: zone || "UTC" }).format(d);
    } catch {
        return new Intl.DateTimeFormat("en-CA", { ...opts, timeZone: "UTC" }).format(d);
    }
}

/**
 * toJSONLD returns rec, a record of collection c as the REST API shows it, as a schema.org
 * document: initiatives a Place (a LocalBusiness with opening hours or a contact),
 * organisations an Organization, events an Event, offers an Offer or a Demand.
 * @param {string} c
 * @param {Record<string, any>} rec
 * @param {Refs} refs
 */
export function toJSONLD(c, rec, refs) {
    /** @type {Record<string, any>} */
    const n = {
        "@context": "https://schema.org",
        "@id": `${refs.base}/api/maillage/jsonld/${c}/${rec.id}`,
        identifier: rec.id,
        mainEntityOfPage: `${refs.base}/#/i/${c}/${rec.id}`,
    };
    const src = String(rec.source || "");
    const known = src && Object.hasOwn(refs.sources || {}, src) ? refs.sources[src] : null;
    n.license = known ? known.url : refs.licence.url;
    n.creditText = known ? known.attribution || src : refs.licence.attribution;
    if (src) {
        n.isBasedOn = { "@type": "Dataset", name: src };
    }
    put(n, "description", rec.description || "");
    const build = { initiatives: place, organisations: organisation, events: event, offers: offer }[c];
    if (build) {
        build(n, rec, refs);
    }
    return n;
}

/** @param {Record<string, any>} rec @param {Refs} refs */
function categoryNames(rec, refs) {
    return (rec.categories || []).filter((/** @type {string} */ id) => Object.hasOwn(refs.categories, id))
        .map((/** @type {string} */ id) => refs.categories[id]);
}

/** @param {Record<string, any>} rec */
function geoNode(rec) {
    const g = rec.geo || {};
    if (!g.lon && !g.lat) {
        return null;
    }
    return { "@type": "GeoCoordinates", latitude: round6(g.lat), longitude: round6(g.lon) };
}

/** @param {string} street @param {Record<string, any>} rec @param {Refs} refs */
function address(street, rec, refs) {
    /** @type {Record<string, any>} */
    const a = {};
    put(a, "streetAddress", street || "");
    put(a, "addressLocality", refs.communes[rec.commune]?.name || "");
    if (Object.keys(a).length === 0) {
        return null;
    }
    a["@type"] = "PostalAddress";
    return a;
}

/** @param {string} contact */
const contactPoint = (contact) => (contact ? { "@type": "ContactPoint", description: contact } : null);

/** @param {Record<string, any>} n @param {Record<string, any>} rec @param {Refs} refs */
function place(n, rec, refs) {
    n["@type"] = "Place";
    if (rec.openingHours || rec.contact) {
        n["@type"] = "LocalBusiness";
        put(n, "openingHours", rec.openingHours || "");
        put(n, "contactPoint", contactPoint(rec.contact));
    }
    n.name = rec.name || "";
    put(n, "url", rec.website || "");
    put(n, "address", address(rec.address, rec, refs));
    put(n, "geo", geoNode(rec));
    put(n, "keywords", categoryNames(rec, refs));
}

/** @param {Record<string, any>} n @param {Record<string, any>} rec @param {Refs} refs */
function organisation(n, rec, refs) {
    n["@type"] = "Organization";
    n.name = rec.name || "";
    put(n, "url", rec.website || "");
    put(n, "address", address(rec.address, rec, refs));
    put(n, "contactPoint", contactPoint(rec.contact));
    const g = geoNode(rec);
    if (g) {
        n.location = { "@type": "Place", geo: g };
    }
    put(n, "keywords", categoryNames(rec, refs));
}

const AVAILABILITY = { open: "InStock", reserved: "Reserved", done: "SoldOut" };

/** @param {Record<string, any>} n @param {Record<string, any>} rec @param {Refs} refs */
function offer(n, rec, refs) {
    n["@type"] = rec.kind === "need" ? "Demand" : "Offer";
    n.name = rec.title || "";
    put(n, "category", categoryNames(rec, refs));
    if (rec.price > 0) {
        n.price = rec.price;
        n.priceCurrency = "EUR";
    }
    const state = AVAILABILITY[/** @type {keyof typeof AVAILABILITY} */ (rec.state)];
    put(n, "availability", state ? "https://schema.org/" + state : "");
    put(n, "validThrough", instant(rec.expires));
    const props = [{ "@type": "PropertyValue", name: "mode", value: rec.mode || "" }];
    if (rec.currencyAmount > 0) {
        props.push({ "@type": "PropertyValue", name: "currencyAmount", value: rec.currencyAmount });
    }
    n.additionalProperty = props;
    /** @type {Record<string, any>} */
    const at = {};
    put(at, "geo", geoNode(rec));
    put(at, "address", address("", rec, refs));
    if (Object.keys(at).length > 0) {
        n.availableAtOrFrom = { "@type": "Place", ...at };
    }
}

/**
 * eventDates are an event's start and end: instants, or for an all-day event its first and last
 * day in its zone (the stored end is exclusive, as iCalendar's DTEND).
 * @param {Record<string, any>} rec
 */
function eventDates(rec) {
    if (!rec.allDay) {
        return [instant(rec.start), instant(rec.end)];
    }
    const start = new Date(instant(rec.start) || 0);
    const end = rec.end ? new Date(instant(rec.end)) : null;
    const last = end && end > start ? dayIn(new Date(end.getTime() - 1000), rec.timezone) : "";
    return [dayIn(start, rec.timezone), last];
}

/** @param {Record<string, any>} n @param {Record<string, any>} rec @param {Refs} refs */
function event(n, rec, refs) {
    n["@type"] = "Event";
    n.name = rec.title || "";
    const [start, end] = eventDates(rec);
    put(n, "startDate", start);
    put(n, "endDate", end);
    /** @type {Record<string, any>} */
    const loc = {};
    put(loc, "name", rec.place || "");
    put(loc, "address", address("", rec, refs));
    put(loc, "geo", geoNode(rec));
    if (Object.keys(loc).length > 0) {
        n.location = { "@type": "Place", ...loc };
    }
    const org = refs.organisations[rec.organiser];
    if (rec.organiser && org) {
        n.organizer = { "@type": "Organization", "@id": `${refs.base}/api/maillage/jsonld/organisations/${rec.organiser}`, name: org };
    }
    /** @type {Record<string, any>} */
    const deal = {};
    put(deal, "price", rec.price || "");
    put(deal, "url", rec.registrationUrl || "");
    if (Object.keys(deal).length > 0) {
        n.offers = { "@type": "Offer", ...deal };
    }
    put(n, "keywords", categoryNames(rec, refs));
    put(n, "eventSchedule", schedule(rec, start));
}

const FREQUENCIES = { DAILY: "D", WEEKLY: "W", MONTHLY: "M", YEARLY: "Y" };
const WEEKDAYS = { MO: "Monday", TU: "Tuesday", WE: "Wednesday", TH: "Thursday", FR: "Friday", SA: "Saturday", SU: "Sunday" };

/**
 * schedule is a recurring event's RRULE as a schema.org Schedule, null for one date.
 * @param {Record<string, any>} rec
 * @param {string} start
 */
function schedule(rec, start) {
    if (!rec.rrule) {
        return null;
    }
    /** @type {Record<string, string>} */
    const parts = {};
    for (const p of String(rec.rrule).replace(/^RRULE:/, "").split(";")) {
        const i = p.indexOf("=");
        if (i >= 0) {
            parts[p.slice(0, i).toUpperCase()] = p.slice(i + 1);
        }
    }
    /** @type {Record<string, any>} */
    const n = { "@type": "Schedule" };
    put(n, "startDate", start);
    const unit = FREQUENCIES[/** @type {keyof typeof FREQUENCIES} */ (parts.FREQ)];
    if (unit) {
        const every = /^\d+$/.test(parts.INTERVAL || "") && Number(parts.INTERVAL) > 0 ? Number(parts.INTERVAL) : 1;
        n.repeatFrequency = "P" + every + unit;
    }
    put(n, "byDay", parts.BYDAY ? parts.BYDAY.split(",").map((d) =>
        Object.hasOwn(WEEKDAYS, d) ? "https://schema.org/" + WEEKDAYS[/** @type {keyof typeof WEEKDAYS} */ (d)] : d) : []);
    put(n, "byMonthDay", ints(parts.BYMONTHDAY));
    put(n, "byMonth", ints(parts.BYMONTH));
    if (/^[+-]?\d+$/.test(parts.COUNT || "")) {
        n.repeatCount = Number(parts.COUNT);
    }
    put(n, "endDate", untilDate(parts.UNTIL || ""));
    put(n, "scheduleTimezone", rec.timezone || "");
    put(n, "exceptDate", (Array.isArray(rec.exdates) ? rec.exdates : []).map(instant).filter(Boolean));
    return n;
}

/** @param {string | undefined} v */
function ints(v) {
    return String(v || "").split(",").filter((p) => /^[+-]?\d+$/.test(p)).map(Number);
}

/**
 * untilDate writes RRULE's UNTIL ("20261231T235959Z", "20261231") as ISO 8601.
 * @param {string} v
 */
function untilDate(v) {
    if (v.length < 8) {
        return "";
    }
    let d = v.slice(0, 4) + "-" + v.slice(4, 6) + "-" + v.slice(6, 8);
    if (v.length >= 15 && v[8] === "T") {
        d += "T" + v.slice(9, 11) + ":" + v.slice(11, 13) + ":" + v.slice(13, 15) + v.slice(15);
    }
    return d;
}
