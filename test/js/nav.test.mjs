// The navigation's one list of destinations (pb_public/js/ui/nav.js): the phone's bottom bar
// keeps to five entries with the four primary destinations, every destination has a route, a
// label in both languages, an icon and a group, and the entry marked current is the right one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { BAR_MAX, DESTINATIONS, GROUPS, MORE, currentEntries, forRole } from "../../pb_public/js/ui/nav.js";
import { ICONS } from "../../pb_public/js/ui/icons.js";
import { MESSAGES } from "../../pb_public/js/i18n.js";
import { match } from "../../pb_public/js/ui/router.js";

/**
 * problems lists what is wrong with a list of destinations.
 * @param {import("../../pb_public/js/ui/nav.js").Destination[]} list
 */
function problems(list) {
    const out = [];
    const bar = list.filter((d) => d.bar).length + 1; // and More
    if (bar > BAR_MAX) {
        out.push(`the bottom bar has ${bar} entries, more than ${BAR_MAX}`);
    }
    for (const d of list) {
        if (match("#/" + d.view).view !== d.view) {
            out.push(`${d.view}: no route`);
        }
        for (const lang of ["fr", "en"]) {
            if (!MESSAGES[lang]["nav." + d.view]) {
                out.push(`${d.view}: no ${lang} label`);
            }
        }
        if (!(d.view in ICONS)) {
            out.push(`${d.view}: no icon`);
        }
        if (!GROUPS.includes(d.group)) {
            out.push(`${d.view}: unknown group ${d.group}`);
        }
    }
    return out;
}

test("every destination has a route, labels, an icon and a group; the bar has at most five entries", () => {
    assert.deepEqual(problems(DESTINATIONS), []);
});

test("negative control: a sixth bar entry and a destination with no route, label or icon are caught", () => {
    const broken = [...DESTINATIONS.map((d) => ({ ...d, bar: d.bar || d.view === "list" })),
        { view: "nosuchview", group: "nowhere" }];
    assert.deepEqual(problems(broken), ["the bottom bar has 6 entries, more than 5", "nosuchview: no route", "nosuchview: no fr label",
        "nosuchview: no en label", "nosuchview: no icon", "nosuchview: unknown group nowhere"]);
});

test("the bar holds map, agenda, exchanges and contribute, in that order; More lists the rest", () => {
    assert.deepEqual(DESTINATIONS.filter((d) => d.bar).map((d) => d.view), ["map", "agenda", "offers", "contribute"]);
    assert.deepEqual(DESTINATIONS.filter((d) => !d.bar).map((d) => d.view), ["list", "directory", "wiki", "network", "forum", "proposals", "outbox", "duplicates", "moderation", "messages", "account", "about", "evaluation"]);
    assert.equal(match("#/" + MORE).view, MORE);
    for (const key of ["nav." + MORE, "nav.more.title", ...GROUPS.map((g) => "nav.group." + g)]) {
        assert.ok(MESSAGES.fr[key] && MESSAGES.en[key], `${key} in both languages`);
    }
    assert.ok(MORE in ICONS);
});

test("the current entry: the view's own, with More for a destination off the bar, none for a detail", () => {
    const cases = [
        ["map", ["map"]], ["contribute", ["contribute"]], ["cartoparty", ["contribute"]],
        ["directory", ["directory", MORE]], ["conflicts", ["outbox", MORE]], ["about", ["about", MORE]],
        [MORE, [MORE]], ["detail", []],
    ];
    for (const [view, want] of cases) {
        assert.deepEqual(currentEntries(view), want, view);
    }
});

test("a moderators' tool shows to moderators only", () => {
    const views = (/** @type {string} */ role) => forRole(role).map((d) => d.view);
    const tools = ["duplicates", "moderation"];
    assert.ok(tools.every((v) => views("moderator").includes(v)));
    for (const role of ["", "resident", "facilitator"]) {
        assert.ok(!tools.some((v) => views(role).includes(v)), `a moderators' tool shown to "${role}"`);
        assert.equal(views(role).length, DESTINATIONS.length - tools.length, `everything else shown to "${role}"`);
    }
});
