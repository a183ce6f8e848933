// @ts-check
// The agenda: today, this week or this month, recurring events shown on each of their dates,
// each with "add to my calendar" (.ics).
import { records } from "../data.js";
import { locale } from "../i18n.js";
import { h } from "../ui/dom.js";
import { downloadICS, loadRRule, occurrences, period } from "../ui/calendar.js";
import { href } from "../ui/router.js";

const PERIODS = ["today", "week", "month"];

/**
 * render draws the agenda of params.p (today, week, month; week by default).
 * @param {HTMLElement} main
 * @param {Record<string, string>} params
 * @param {any} ctx
 */
export async function render(main, params, ctx) {
    const t = ctx.t;
    const current = PERIODS.includes(params.p) ? params.p : "week";
    const tabs = h("div", { class: "tabs", role: "group", "aria-label": t("agenda.period") },
        PERIODS.map((p) => h("a", { class: "button", href: "#/agenda?p=" + p, "aria-current": p === current ? "true" : null,
            "data-testid": "agenda-" + p }, t("agenda." + p))));
    const body = h("div", { "data-testid": "agenda-days" });
    main.replaceChildren(h("h1", {}, t("agenda.title")), tabs, body);
    const draw = async () => {
        const [from, to] = period(current, new Date());
        const lib = await loadRRule().catch(() => null);
        const list = occurrences(await records(ctx.db, "events"), from, to, lib || noRRule);
        body.replaceChildren(...(list.length ? days(list, t) : [h("p", { class: "notice" }, t("agenda.empty"))]));
    };
    // Listening before the first draw: a sync that ends while it reads is not missed.
    const stop = ctx.onData((/** @type {string[]} */ what) => {
        return what.includes("*") || what.includes("events") ? draw() : undefined;
    });
    await draw().catch((err) => { stop(); throw err; });
    return stop;
}

/** noRRule stands in when the library cannot load: a recurring event shows on its first date. */
const noRRule = { RRule: { parseString: () => { throw new Error("no rrule"); } } };

/**
 * days groups occurrences by day, each day a section with its events.
 * @param {Array<{ev: Record<string, any>, start: Date}>} list
 * @param {(k: string) => string} t
 */
function days(list, t) {
    const loc = locale() === "en" ? "en-GB" : "fr-FR";
    const dayFmt = new Intl.DateTimeFormat(loc, { weekday: "long", day: "numeric", month: "long" });
    const timeFmt = new Intl.DateTimeFormat(loc, { hour: "2-digit", minute: "2-digit" });
    /** @type {Map<string, HTMLElement>} */
    const sections = new Map();
    for (const { ev, start } of list) {
        const key = dayFmt.format(start);
        if (!sections.has(key)) {
            sections.set(key, h("ul", { class: "cards" }));
        }
        sections.get(key)?.appendChild(h("li", { class: "card", "data-testid": "agenda-event", "data-id": ev.id },
            h("p", { class: "meta" }, h("span", {}, ev.allDay ? t("agenda.allDay") : timeFmt.format(start)),
                ev.rrule ? h("span", { class: "chip" }, t("agenda.recurring")) : null),
            h("a", { class: "title", href: href("i", "events", ev.id) }, ev.title),
            ev.place ? h("p", {}, ev.place) : null,
            h("button", { type: "button", class: "secondary small", onclick: () => downloadICS(ev) },
                t("detail.ics"), h("span", { class: "visually-hidden" }, " : " + ev.title))));
    }
    return [...sections].map(([day, ul]) => h("section", { class: "day" }, h("h2", {}, day), ul));
}
