// The navigation at both reference sizes. At 360×740 (a phone): a bottom bar of at most five
// entries on one row at the bottom of the viewport, thumb-sized, the current one marked, the
// outbox's pending count visible, "More" reaching every other destination, the content never
// hidden behind the bar, keyboard reachable, the new page announced (focus on its heading, the
// document titled after it), and axe (the engine of Lighthouse's accessibility audits) finding
// nothing wrong while a pending count shows, a state Lighthouse's runs never see. At 1280×800: a
// side bar with every destination. Negative controls: the old two-row navigation fails the
// bar's layout check, and a faint label fails axe.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createUser, goOffline, launchBrowser, screenshot, signIn, startServer, waitForSync } from "./harness.mjs";
import { go, saveInitiative, waitForUserData } from "./contrib.mjs";
import { forRole } from "../pb_public/js/ui/nav.js";

/** OTHERS are the destinations the phone's bar leaves to the More view, for a resident. */
const OTHERS = forRole("resident").filter((d) => !d.bar).map((d) => d.view);
/** AXE is axe-core's browser build (package.json pins it). */
const AXE = readFileSync(new URL("../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

let server;
let browser;

before(async () => {
    server = await startServer({ demo: true });
    browser = await launchBrowser();
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

/**
 * barLayout measures the navigation's visible entries: their views, how many rows they make,
 * the bar's gap to the viewport's bottom, the smallest target, and which are current.
 * @param {import("playwright-core").Page} page
 */
function barLayout(page) {
    return page.evaluate(() => {
        const shown = [...document.querySelectorAll(".nav a[data-view]")].filter((a) => a.getClientRects().length > 0);
        const boxes = shown.map((a) => a.getBoundingClientRect());
        const nav = /** @type {Element} */ (document.querySelector(".nav")).getBoundingClientRect();
        return {
            views: shown.map((a) => a.getAttribute("data-view")),
            rows: new Set(boxes.map((b) => Math.round(b.top))).size,
            gapBelow: Math.round(innerHeight - nav.bottom),
            smallest: Math.round(Math.min(...boxes.map((b) => Math.min(b.width, b.height)))),
            current: shown.filter((a) => a.getAttribute("aria-current") === "page").map((a) => a.getAttribute("data-view")),
        };
    });
}

/**
 * trackViews keeps in window.drawnView the last view the router finished drawing (its
 * "maillage:view" event), from the page's first document on.
 * @param {import("playwright-core").Page} page
 */
async function trackViews(page) {
    await page.addInitScript(() => document.addEventListener("maillage:view", (ev) => {
        /** @type {any} */ (window).drawnView = /** @type {CustomEvent} */ (ev).detail.view;
    }));
}

/**
 * shownView waits until the router finished drawing view (its "maillage:view" event: while the
 * next view renders, main's heading and the document's title can still be the previous view's),
 * and returns what it did for people using assistive technologies: the focused element and
 * the document's title.
 * @param {import("playwright-core").Page} page
 * @param {string} view
 */
async function shownView(page, view) {
    await page.waitForFunction((v) => {
        const main = document.querySelector("main");
        const h1 = main?.querySelector("h1")?.textContent?.trim();
        return /** @type {any} */ (window).drawnView === v && main?.dataset.view === v && Boolean(h1) &&
            document.title === `${h1} · Maillage`;
    }, view);
    return page.evaluate(() => ({ focused: document.activeElement?.tagName, title: document.title }));
}

/**
 * axeViolations runs axe's WCAG 2.1 A and AA rules on the parts of the page named by CSS
 * selectors and lists what fails ("rule: element").
 * @param {import("playwright-core").Page} page
 * @param {string[]} parts
 */
async function axeViolations(page, parts) {
    await page.evaluate(AXE);
    return page.evaluate(async (include) => {
        const res = await /** @type {any} */ (window).axe.run({ include: include.map((s) => [s]) },
            { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        return res.violations.flatMap((/** @type {any} */ v) => v.nodes.map((/** @type {any} */ n) => `${v.id}: ${n.target.join(" ")}`));
    }, parts);
}

/**
 * addSheet adds css to the page as a constructed style sheet (the Content-Security-Policy
 * refuses the inline <style> that page.addStyleTag writes) and returns what removes it.
 * @param {import("playwright-core").Page} page
 * @param {string} css
 */
async function addSheet(page, css) {
    await page.evaluate((text) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(text);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    }, css);
    return () => page.evaluate(() => { document.adoptedStyleSheets = document.adoptedStyleSheets.slice(0, -1); });
}

describe("phone, 360×740", () => {
    /** @type {import("playwright-core").BrowserContext} */
    let context;
    /** @type {import("playwright-core").Page} */
    let page;

    before(async () => {
        const user = { email: "nadia@maillage.test", password: "nadia-password-12", role: "resident" };
        await createUser(server, user);
        context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "fr-FR" });
        page = await context.newPage();
        await trackViews(page);
        await signIn(page, server, user);
        await waitForSync(page);
        await waitForUserData(page);
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
        await goOffline(context);
        await saveInitiative(page, { name: "Grainothèque de la médiathèque", description: "Des graines à échanger." });
    });

    after(async () => { await context?.close(); });

    test("a bottom bar of five entries on one row, thumb-sized, the current one marked", async () => {
        await go(page, "#/map");
        const bar = await barLayout(page);
        assert.deepEqual(bar.views, ["map", "agenda", "offers", "contribute", "more"]);
        assert.equal(bar.rows, 1, "one row");
        assert.equal(bar.gapBelow, 0, "at the bottom of the viewport");
        assert.ok(bar.smallest >= 48, `targets of at least 48 px, the smallest is ${bar.smallest}`);
        assert.deepEqual(bar.current, ["map"]);
        const agenda = page.getByTestId("nav-agenda");
        await agenda.click();
        const shown = await shownView(page, "agenda");
        assert.deepEqual(shown, { focused: "H1", title: "Agenda · Maillage" }, "the new page is announced by its heading");
        assert.deepEqual((await barLayout(page)).current, ["agenda"]);
        assert.equal(await agenda.evaluate((a) => getComputedStyle(/** @type {Element} */ (a.querySelector(".nav-icon"))).backgroundColor),
            "rgb(11, 93, 75)", "the current entry has a filled pill, not only another colour");
    });

    test("the outbox's pending count shows on More, and More reaches every other destination", async () => {
        await go(page, "#/map");
        const count = page.getByTestId("nav-more-count");
        assert.equal(await count.isVisible(), true, "the count is visible on the bar");
        assert.equal(await count.textContent(), "1");
        assert.equal(await page.getByRole("link", { name: /^Plus\W+1 envois en attente$/ }).count(), 1, "and said to screen readers");
        assert.equal(await page.locator("#outbox-badge").textContent(), "1", "the outbox entry's badge counts too");
        await page.getByTestId("nav-more").click();
        await shownView(page, "more");
        assert.deepEqual((await barLayout(page)).current, ["more"]);
        assert.equal(await page.getByTestId("more-outbox-count").textContent(), "1");
        await screenshot(page, "more");
        for (const view of OTHERS) {
            await page.getByTestId("nav-more").click();
            await shownView(page, "more");
            await page.getByTestId("more-" + view).click();
            const shown = await shownView(page, view);
            assert.equal(shown.focused, "H1", `${view}: focus on the heading`);
            assert.deepEqual((await barLayout(page)).current, ["more"], `${view}: More is the current entry`);
        }
    });

    test("axe finds nothing wrong in the bar and the More view while a count shows", async () => {
        await go(page, "#/more");
        await shownView(page, "more");
        assert.equal(await page.getByTestId("nav-more-count").isVisible(), true, "the count is shown");
        assert.deepEqual(await axeViolations(page, [".nav", "main"]), []);
    });

    test("negative control: axe catches a faint label in the bar", async () => {
        await go(page, "#/map");
        const removeFaint = await addSheet(page, ".nav .nav-label { color: #bbbbbb; }");
        const found = await axeViolations(page, [".nav"]);
        await removeFaint();
        assert.ok(found.some((v) => v.startsWith("color-contrast: ")), `caught: ${JSON.stringify(found)}`);
    });

    test("keyboard: Tab reaches the bar, Enter follows it; nothing hides behind the bar", async () => {
        await go(page, "#/about");
        await page.evaluate(() => /** @type {HTMLElement} */ (document.querySelector(".skip")).focus());
        let reached = "";
        for (let i = 0; i < 10 && reached !== "nav-offers"; i++) {
            await page.keyboard.press("Tab");
            reached = await page.evaluate(() => document.activeElement?.getAttribute("data-testid") || "");
        }
        assert.equal(reached, "nav-offers", "the bar's entries are in the focus order, before the content");
        await page.keyboard.press("Enter");
        await shownView(page, "offers");
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        const [foot, nav] = await page.evaluate(() => [".foot", ".nav"].map((s) => /** @type {Element} */ (document.querySelector(s)).getBoundingClientRect()));
        assert.ok(foot.bottom <= nav.top, `the end of the page (${foot.bottom}) shows above the bar (${nav.top})`);
    });

    test("the labels follow the language", async () => {
        await go(page, "#/map");
        await page.getByTestId("lang-switch").click();
        await page.waitForFunction(() => document.documentElement.lang === "en");
        assert.equal(await page.getByRole("link", { name: /^More\W+1 contributions waiting$/ }).count(), 1);
        assert.equal(await page.getByTestId("nav-offers").textContent(), "Exchanges");
        await page.getByTestId("lang-switch").click();
        await page.waitForFunction(() => document.documentElement.lang === "fr");
    });

    test("negative control: the old two-row navigation fails the layout check", async () => {
        await go(page, "#/map");
        const removeOld = await addSheet(page, ".nav { position: static; } .nav .nav-extra { display: list-item; } " +
            ".nav ul { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); }");
        const bar = await barLayout(page);
        assert.equal(bar.views.length, forRole("resident").length + 1, "every destination and More");
        assert.ok(bar.rows > 1 && bar.gapBelow > 0, `caught: ${JSON.stringify(bar)}`);
        await removeOld();
    });
});

describe("wide, 1280×800", () => {
    test("a side bar with every destination, the current one marked", async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "fr-FR" });
        const page = await context.newPage();
        await trackViews(page);
        try {
            await page.goto(server.url + "/#/directory");
            await shownView(page, "directory");
            const side = await barLayout(page);
            assert.deepEqual(side.views, forRole("").map((d) => d.view), "every destination of a visitor, in order");
            assert.equal(side.rows, side.views.length, "one entry per row: a side bar");
            assert.deepEqual(side.current, ["directory"]);
            assert.deepEqual(await axeViolations(page, [".nav"]), []);
            const [nav, main] = await page.evaluate(() => [".nav", "main"].map((s) => /** @type {Element} */ (document.querySelector(s)).getBoundingClientRect()));
            assert.ok(nav.left === 0 && nav.right <= main.left, `the bar is beside the content: ${JSON.stringify({ nav, main })}`);
            await page.getByTestId("nav-list").click();
            await shownView(page, "list");
            assert.deepEqual((await barLayout(page)).current, ["list"]);
            await screenshot(page, "nav-list");
        } finally {
            await context.close();
        }
    });
});
