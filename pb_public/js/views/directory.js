// @ts-check
// The directory: organisations (local data, filtered as you type) and public profiles (from
// the server when online, the last ones seen offline).
import { categories, communes, profiles, records } from "../data.js";
import { normalise } from "../search.js";
import { h } from "../ui/dom.js";
import { card } from "../ui/cards.js";

/**
 * render draws the directory.
 * @param {HTMLElement} main
 * @param {Record<string, string>} params
 * @param {any} ctx
 */
export async function render(main, params, ctx) {
    const t = ctx.t;
    const [orgs, cats, towns] = await Promise.all([records(ctx.db, "organisations"), categories(ctx.db), communes(ctx.db)]);
    const sorted = [...orgs].sort((a, b) => String(a.name).localeCompare(String(b.name), "fr"));
    const filter = h("input", { id: "dir-q", type: "search", autocomplete: "off", "data-testid": "directory-search" });
    const list = h("ul", { class: "cards", "data-testid": "directory-organisations" });
    const people = h("ul", { class: "cards", "data-testid": "directory-people" });
    const peopleNote = h("p", { class: "meta", role: "status" });
    const draw = () => {
        const q = normalise(filter instanceof HTMLInputElement ? filter.value : "");
        list.replaceChildren(...sorted.filter((o) => !q || normalise(o.name + " " + (o.description || "")).includes(q))
            .slice(0, 200).map((o) => card("organisations", o, cats, t)));
    };
    filter.addEventListener("input", draw);
    main.replaceChildren(h("h1", {}, t("directory.title")),
        h("section", {}, h("h2", {}, t("directory.organisations"), " ", h("span", { class: "meta" }, `(${sorted.length})`)),
            h("div", { class: "field" }, h("label", { for: "dir-q" }, t("directory.filter")), filter), list),
        h("section", {}, h("h2", {}, t("directory.people")), peopleNote, people));
    draw();
    const { list: found, stale } = await profiles(ctx.db);
    peopleNote.textContent = stale ? t("directory.peopleOffline") : found.length ? "" : t("directory.noPeople");
    people.replaceChildren(...found.map((p) => person(p, towns)));
}

/**
 * person draws a public profile.
 * @param {Record<string, any>} p
 * @param {import("../data.js").Commune[]} towns
 */
function person(p, towns) {
    const skills = Array.isArray(p.skills) ? p.skills : [];
    const town = towns.find((c) => c.id === p.commune)?.name;
    return h("li", { class: "card", "data-testid": "directory-person" },
        h("p", { class: "title" }, p.name || "—"), town ? h("p", { class: "meta" }, town) : null,
        p.bio ? h("p", {}, p.bio) : null,
        skills.length ? h("p", {}, skills.map((s) => h("span", { class: "chip" }, String(s)))) : null);
}
