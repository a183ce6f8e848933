// Local search over 15,000 records, measured in the browser (Chromium) with the PWA's own
// search.js: the records are the real France services and digital-help places of
// the repository's testdata/poi (origin and licence in its SOURCES.md), repeated up to 15,000 with a numbered
// suffix. Reports the index build time and, per query, the median and the 95th percentile of
// 30 runs. Fails when a median reaches 50 ms.
// Run: node e2e/tools/search-bench.mjs
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launchBrowser, startServer } from "../harness.mjs";

const DATA = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "testdata", "poi");
const RECORDS = 15000;
const RUNS = 30;
const QUERIES = ["mediation numerique", "Saint-Denis", "poste", "maison de quartier", "aide administrative",
    "thierache", "l'ile", "zzz introuvable", "a", "services smartphone ordinateur"];

/**
 * csvRows parses a quoted CSV (no newlines inside fields in this file) into objects.
 * @param {string} text
 */
function csvRows(text) {
    const split = (/** @type {string} */ line) => [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)]
        .map((m) => m[1].replace(/^"|"$/g, "").replace(/""/g, '"')).slice(0, -1);
    const [head, ...lines] = text.trim().split("\n");
    const cols = split(head);
    return lines.map((l) => Object.fromEntries(split(l).map((v, i) => [cols[i], v])));
}

/** realRecords reads the real places as search rows {c, id, view}. */
function realRecords() {
    let csv, cnfs;
    try {
        csv = csvRows(readFileSync(join(DATA, "france-services-20240801.csv"), "utf8"));
        cnfs = JSON.parse(readFileSync(join(DATA, "lieux-cnfs-idf-2022.json"), "utf8"));
    } catch (err) {
        throw new Error(`the bench reads the real places in ${DATA}: ${err.message}`);
    }
    const fromCsv = csv.map((r) => ({ name: r.lib_fs, description: [r.type_fs, r.commentaire, r.labellisation_fs].filter(Boolean).join(". "),
        address: `${r.adresse}, ${r.code_postal} ${r.lib_com}` }));
    const fromJson = cnfs.map((/** @type {any} */ r) => ({ name: r.nom, description: r.services || "", address: `${r.adresse}, ${r.code_postal} ${r.commune}`,
        openingHours: r.horaires || "" }));
    const base = [...fromCsv, ...fromJson];
    return Array.from({ length: RECORDS }, (_, i) => {
        const r = base[i % base.length];
        const round = Math.floor(i / base.length);
        return { c: "initiatives", id: "r" + i, view: { ...r, name: round ? `${r.name} ${round + 1}` : r.name } };
    });
}

const rows = realRecords();
const server = await startServer({ demo: false });
const browser = await launchBrowser();
try {
    const page = await browser.newPage();
    await page.goto(server.url + "/#/about");
    const result = await page.evaluate(async ({ rows, queries, runs }) => {
        const { buildIndex, search } = await import("/js/search.js");
        const t0 = performance.now();
        const index = buildIndex(rows);
        const build = performance.now() - t0;
        const out = [];
        for (const q of queries) {
            const times = [];
            let hits = 0;
            for (let i = 0; i < runs; i++) {
                const s = performance.now();
                hits = search(index, q).length;
                times.push(performance.now() - s);
            }
            times.sort((a, b) => a - b);
            out.push({ q, hits, median: times[Math.floor(runs / 2)], p95: times[Math.floor(runs * 0.95)] });
        }
        return { build, out, n: index.length };
    }, { rows, queries: QUERIES, runs: RUNS });
    console.log(`records: ${result.n} (real places from testdata/poi, repeated)`);
    console.log(`index build: ${result.build.toFixed(1)} ms (once per data change)`);
    console.log("| query | hits | median ms | p95 ms |\n|---|---|---|---|");
    for (const r of result.out) {
        console.log(`| ${r.q} | ${r.hits} | ${r.median.toFixed(2)} | ${r.p95.toFixed(2)} |`);
    }
    const worst = Math.max(...result.out.map((r) => r.median));
    console.log(`worst median: ${worst.toFixed(2)} ms (target < 50 ms)`);
    if (worst >= 50) {
        process.exitCode = 1;
    }
} finally {
    await browser.close();
    await server.stop();
}
