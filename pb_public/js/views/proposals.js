// @ts-check
// Proposals and votes (#/proposals, #/proposals/<id>, #/proposals/new): the list with each
// proposal's phase, a proposal's page (its text and deadlines, the author's button to open the
// consultation, amendments during consultation, the ballot form during the vote, the results
// once closed) and the form of a new draft. It needs the network: proposals are not synced, and
// ballots go only through the ballot route (a secret ballot's receipt stays on this device).
import { call, currentUser } from "../api.js";
import { discussionsFor } from "../discussions.js";
import { locale } from "../i18n.js";
import { GRADES, ballotBody, keepReceipt, parseOptions, phaseNews, receiptOf, resultRows } from "../proposals.js";
import { announce, field, h, localDate } from "../ui/dom.js";
import { href } from "../ui/router.js";

const API = "/api/collections/proposals/records";

/**
 * render draws the list, a proposal or the new proposal form.
 * @param {HTMLElement} main
 * @param {Record<string, string>} params
 * @param {any} ctx
 */
export async function render(main, params, ctx) {
    const t = ctx.t;
    if (!navigator.onLine) {
        main.replaceChildren(h("h1", {}, t("proposals.title")), h("p", { class: "notice", "data-testid": "proposals-offline" }, t("proposals.offline")));
        return;
    }
    try {
        if (params.id === "new") {
            newProposal(main, ctx);
        } else if (params.id) {
            await proposal(main, params.id, ctx);
        } else {
            await list(main, ctx);
        }
    } catch (err) {
        main.append(h("p", { class: "notice error", role: "alert" }, /** @type {Error} */ (err).message));
    }
}

/**
 * list draws the proposals the user may read, newest first.
 * @param {HTMLElement} main
 * @param {any} ctx
 */
async function list(main, ctx) {
    const t = ctx.t;
    const page = await call("GET", API + "?sort=-created&perPage=100");
    const news = phaseNews(page.items);
    main.replaceChildren(h("h1", {}, t("proposals.title")), h("p", { class: "meta" }, t("proposals.intro")),
        currentUser() ? h("a", { class: "button", href: "#/proposals/new", "data-testid": "proposals-new" }, t("proposals.new")) : null,
        page.items.length ? h("ul", { class: "thread-list", "data-testid": "proposals" }, page.items.map((/** @type {any} */ p) =>
            h("li", { "data-testid": "proposal", "data-id": p.id }, h("a", { href: href("proposals", p.id) }, p.title),
                h("span", { class: "chip" }, t("proposals.phase." + p.phase)),
                news.has(p.id) ? h("span", { class: "chip pending", "data-testid": "proposal-news" }, t("proposals.phaseChanged")) : null)))
            : h("p", { class: "notice" }, t("proposals.empty")));
}

/**
 * proposal draws one proposal and what its phase allows.
 * @param {HTMLElement} main
 * @param {string} id
 * @param {any} ctx
 */
async function proposal(main, id, ctx) {
    const t = ctx.t;
    const p = await call("GET", `${API}/${id}`);
    const redraw = () => proposal(main, id, ctx);
    const loc = locale();
    main.replaceChildren(h("h1", {}, p.title), h("p", { class: "chip", "data-testid": "proposal-phase" }, t("proposals.phase." + p.phase)),
        h("p", { class: "meta" }, t("proposals.method." + p.method) + " · " +
            t("proposals.deadlines", { consult: localDate(p.consultationEnd, loc), vote: localDate(p.voteEnd, loc) })),
        h("p", {}, p.text || ""));
    phaseNews([p]);
    const me = currentUser()?.id;
    if (me && p.phase !== "draft") {
        main.append(await followButton(p, ctx));
    }
    if (p.phase === "draft" && p.author === me) {
        main.append(h("button", { type: "button", "data-testid": "proposal-open", onclick: async () => {
            await act(main, () => call("PATCH", `${API}/${id}`, { phase: "consultation" }), redraw);
        } }, t("proposals.open")));
    }
    if (p.phase === "consultation") {
        main.append(await amendments(p, ctx, redraw));
    }
    if (p.phase === "vote" && me) {
        main.append(ballotForm(p, ctx));
    }
    if (p.phase === "closed") {
        main.append(results(await call("GET", `/api/maillage/proposals/${id}/results`), p.options, t));
    }
    if (p.phase !== "draft") {
        main.append(await discussionsFor("proposals", p, ctx, { closed: p.phase === "consultation" ? undefined : t("proposals.commentsClosed") }));
    }
}

/**
 * followButton shows whether the user follows p (notified when its phase changes) and turns
 * it on or off (PUT /api/maillage/proposals/{id}/follow).
 * @param {any} p
 * @param {any} ctx
 */
async function followButton(p, ctx) {
    const t = ctx.t;
    const path = `/api/maillage/proposals/${p.id}/follow`;
    const button = h("button", { type: "button", class: "secondary", "data-testid": "proposal-follow" });
    const show = (/** @type {boolean} */ on) => {
        button.textContent = t(on ? "proposals.unfollow" : "proposals.follow");
        button.setAttribute("aria-pressed", String(on));
    };
    show((await call("GET", path)).following);
    button.addEventListener("click", async () => {
        const on = button.getAttribute("aria-pressed") !== "true";
        show((await call("PUT", path, { follow: on })).following);
        announce(t(on ? "proposals.followed" : "proposals.unfollowed"));
    });
    return h("p", {}, button, " ", h("span", { class: "meta" }, t("proposals.followHint")));
}

/**
 * act runs a write and redraws, or shows its refusal.
 * @param {HTMLElement} main
 * @param {() => Promise<any>} write
 * @param {() => Promise<void>} redraw
 */
async function act(main, write, redraw) {
    try {
        await write();
        await redraw();
    } catch (err) {
        main.append(h("p", { class: "notice error", role: "alert" }, /** @type {Error} */ (err).message));
    }
}

/**
 * amendments lists a proposal's amendments, with the author's decisions and a form to amend.
 * @param {any} p
 * @param {any} ctx
 * @param {() => Promise<void>} redraw
 */
async function amendments(p, ctx, redraw) {
    const t = ctx.t;
    const me = currentUser()?.id;
    const page = await call("GET", `/api/collections/amendments/records?perPage=200&sort=created&filter=${encodeURIComponent(`proposal="${p.id}"`)}`);
    const section = h("section", { "data-testid": "amendments" }, h("h2", {}, t("proposals.amendments")));
    const decide = (/** @type {string} */ aid, /** @type {string} */ status) =>
        act(section, () => call("PATCH", `/api/collections/amendments/records/${aid}`, { status }), redraw);
    section.append(h("ul", {}, page.items.map((/** @type {any} */ a) => h("li", { "data-testid": "amendment" }, a.text,
        h("span", { class: "chip" }, t("proposals.amendment." + a.status)),
        p.author === me && a.status === "proposed" ? h("span", {},
            h("button", { type: "button", onclick: () => decide(a.id, "accepted") }, t("proposals.accept")),
            h("button", { type: "button", onclick: () => decide(a.id, "declined") }, t("proposals.decline"))) : null))));
    if (me) {
        const text = h("textarea", { name: "text", required: true, maxlength: 5000 });
        section.append(h("form", { "data-testid": "amend-form", onsubmit: (/** @type {Event} */ e) => {
            e.preventDefault();
            act(section, () => call("POST", "/api/collections/amendments/records",
                { proposal: p.id, author: me, text: /** @type {HTMLTextAreaElement} */ (text).value, status: "proposed" }), redraw);
        } }, field("amend-text", t("proposals.amend"), text), h("button", { type: "submit" }, t("proposals.amend.send"))));
    }
    return section;
}

/**
 * ballotForm: a checkbox per option (approval) or a grade per option (majority judgement).
 * A secret ballot's receipt is kept on this device and sent to change the ballot.
 * @param {any} p
 * @param {any} ctx
 */
function ballotForm(p, ctx) {
    const t = ctx.t;
    const controls = p.options.map((/** @type {{id: string, label: string}} */ o) => p.method === "approval"
        ? field("ballot-" + o.id, o.label, h("input", { type: "checkbox", name: o.id }))
        : field("ballot-" + o.id, o.label, h("select", { name: o.id }, GRADES.map((g) => h("option", { value: String(g) }, t("grade." + g))))));
    const status = h("p", { role: "status", "data-testid": "ballot-status" });
    const form = h("form", { "data-testid": "ballot-form", onsubmit: async (/** @type {Event} */ e) => {
        e.preventDefault();
        const answers = Object.fromEntries(p.options.map((/** @type {{id: string}} */ o) => {
            const el = /** @type {HTMLInputElement} */ (form.querySelector(`[name="${CSS.escape(o.id)}"]`));
            return [o.id, p.method === "approval" ? el.checked : Number(el.value)];
        }));
        try {
            const out = await call("POST", `/api/maillage/proposals/${p.id}/ballot`, ballotBody(p.method, answers, p.secret ? receiptOf(p.id) : null));
            if (out?.receipt) {
                keepReceipt(p.id, out.receipt);
            }
            status.textContent = t("proposals.voted");
            announce(t("proposals.voted"));
        } catch (err) {
            status.textContent = /** @type {Error} */ (err).message;
        }
    } }, h("h2", {}, t("proposals.ballot")), p.secret ? h("p", { class: "meta" }, t("proposals.secretNote")) : null,
    ...controls, h("button", { type: "submit" }, t("proposals.vote")), status);
    return form;
}

/**
 * results draws the overall ranking and one per college.
 * @param {any} result
 * @param {{id: string, label: string}[]} options
 * @param {(k: string, p?: any) => string} t
 */
function results(result, options, t) {
    const table = (/** @type {any} */ r) => h("ol", { "data-testid": "results-ranking" }, resultRows(r, options).map((row) =>
        h("li", {}, row.label + " — " + (r.method === "approval" ? t("proposals.approvals", { count: row.approvals || 0 }) : t("grade." + row.median)))));
    return h("section", { "data-testid": "results" }, h("h2", {}, t("proposals.results")),
        h("p", { class: "meta" }, t("proposals.ballots", { count: result.ballots })), table(result),
        ...Object.entries(result.colleges || {}).map(([name, r]) => h("div", {}, h("h3", {}, t("proposals.college", { name })), table(r))));
}

/**
 * newProposal draws the form of a new draft.
 * @param {HTMLElement} main
 * @param {any} ctx
 */
function newProposal(main, ctx) {
    const t = ctx.t;
    const input = (/** @type {string} */ name, /** @type {any} */ attrs = {}) => h("input", { name, ...attrs });
    const form = h("form", { "data-testid": "proposal-form", onsubmit: async (/** @type {Event} */ e) => {
        e.preventDefault();
        const f = new FormData(/** @type {HTMLFormElement} */ (form));
        const date = (/** @type {string} */ k) => f.get(k) ? new Date(String(f.get(k))).toISOString() : "";
        await act(main, async () => {
            const p = await call("POST", API, { title: f.get("title"), text: f.get("text"), author: currentUser()?.id, phase: "draft",
                method: f.get("method"), options: parseOptions(String(f.get("options") || "")), secret: f.get("secret") === "on",
                colleges: f.get("colleges") === "on", consultationEnd: date("consultationEnd"), voteEnd: date("voteEnd") });
            ctx.navigate(href("proposals", p.id));
        }, async () => {});
    } },
    field("proposal-title", t("proposals.field.title"), input("title", { required: true, maxlength: 200 })),
    field("proposal-text", t("proposals.field.text"), h("textarea", { name: "text" })),
    field("proposal-method", t("proposals.method"), h("select", { name: "method" },
        h("option", { value: "approval" }, t("proposals.method.approval")), h("option", { value: "majorityJudgement" }, t("proposals.method.majorityJudgement")))),
    field("proposal-options", t("proposals.field.options"), h("textarea", { name: "options", required: true })),
    field("proposal-consultationEnd", t("proposals.field.consultationEnd"), input("consultationEnd", { type: "datetime-local" })),
    field("proposal-voteEnd", t("proposals.field.voteEnd"), input("voteEnd", { type: "datetime-local" })),
    field("proposal-secret", t("proposals.field.secret"), input("secret", { type: "checkbox" })),
    field("proposal-colleges", t("proposals.field.colleges"), input("colleges", { type: "checkbox" })),
    h("button", { type: "submit" }, t("proposals.create")));
    main.replaceChildren(h("h1", {}, t("proposals.new")), form);
}
