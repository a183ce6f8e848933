// @ts-check
// Proposals and votes, the parts without the page: the ballot a form's answers make, the
// receipt of a secret ballot kept on this device only, and the rows of a result. The view is
// js/views/proposals.js; the server's side is governance/proposals (README "Proposals and votes").

/** GRADES are the majority judgement grades 0..6, by their message keys. */
export const GRADES = [0, 1, 2, 3, 4, 5, 6];

/** PHASES in order. */
export const PHASES = ["draft", "consultation", "vote", "closed"];

/**
 * ballotBody builds the body of POST /api/maillage/proposals/{id}/ballot.
 * @param {string} method "approval" or "majorityJudgement"
 * @param {Record<string, boolean|number>} answers per option id: approved, or its grade
 * @param {{id: string, token: string}|null} [receipt] the secret ballot's receipt, to change it
 */
export function ballotBody(method, answers, receipt = null) {
    const choices = method === "approval"
        ? { approve: Object.keys(answers).filter((id) => answers[id] === true) }
        : { grades: Object.fromEntries(Object.entries(answers).map(([id, g]) => [id, Number(g)])) };
    return receipt ? { choices, receipt } : { choices };
}

/**
 * parseOptions turns one label per line into options with ids o1, o2, …
 * @param {string} text
 * @returns {{id: string, label: string}[]}
 */
export function parseOptions(text) {
    return text.split("\n").map((l) => l.trim()).filter(Boolean).map((label, i) => ({ id: "o" + (i + 1), label }));
}

const RECEIPT_KEY = "maillage.receipt.";

/**
 * receiptOf reads the receipt of a secret ballot this device cast on proposal id.
 * @param {string} id
 * @param {Storage} [store]
 * @returns {{id: string, token: string}|null}
 */
export function receiptOf(id, store = globalThis.localStorage) {
    try {
        return JSON.parse(store.getItem(RECEIPT_KEY + id) || "null");
    } catch {
        return null;
    }
}

/**
 * keepReceipt stores the receipt the server gave for proposal id (only this device has it).
 * @param {string} id
 * @param {{id: string, token: string}} receipt
 * @param {Storage} [store]
 */
export function keepReceipt(id, receipt, store = globalThis.localStorage) {
    store.setItem(RECEIPT_KEY + id, JSON.stringify(receipt));
}

/**
 * resultRows lists a result's options in ranking order with their label and figures.
 * @param {{ranking: string[], options: Record<string, any>}} result
 * @param {{id: string, label: string}[]} options
 */
export function resultRows(result, options) {
    const label = new Map(options.map((o) => [o.id, o.label]));
    return result.ranking.map((id) => ({ id, label: label.get(id) || id, ...result.options[id] }));
}

const PHASES_KEY = "maillage.proposalPhases";

/**
 * phaseNews compares proposals' phases with those this device last showed, keeps the new
 * ones and returns the ids whose phase changed since (a phase the job moved on while away).
 * @param {{id: string, phase: string}[]} proposals
 * @param {Storage} [store]
 * @returns {Set<string>}
 */
export function phaseNews(proposals, store = globalThis.localStorage) {
    /** @type {Record<string, string>} */
    let seen = {};
    try {
        seen = JSON.parse(store.getItem(PHASES_KEY) || "{}") || {};
    } catch {
        seen = {};
    }
    const changed = new Set(proposals.filter((p) => seen[p.id] && seen[p.id] !== p.phase).map((p) => p.id));
    store.setItem(PHASES_KEY, JSON.stringify({ ...seen, ...Object.fromEntries(proposals.map((p) => [p.id, p.phase])) }));
    return changed;
}
