// i18n completeness: every key of every message file in French and English with the same
// placeholders, and every key the code asks for exists.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { MESSAGES as BASE } from "../../pb_public/js/messages.js";
import { CONTRIBUTE_MESSAGES } from "../../pb_public/js/messages-contribute.js";
import { NAV_MESSAGES } from "../../pb_public/js/messages-nav.js";
import { MODERATION_MESSAGES } from "../../pb_public/js/messages-moderation.js";
import { MODERATION_QUEUE_MESSAGES } from "../../pb_public/js/messages-moderation-queue.js";
import { CONVERSATIONS_MESSAGES } from "../../pb_public/js/messages-conversations.js";
import { DISCUSSIONS_MESSAGES } from "../../pb_public/js/messages-discussions.js";
import { PUSH_MESSAGES } from "../../pb_public/js/messages-push.js";
import { ACCOUNT_MESSAGES } from "../../pb_public/js/messages-account.js";
import { PROPOSALS_MESSAGES } from "../../pb_public/js/messages-proposals.js";
import { REVISIONS_MESSAGES } from "../../pb_public/js/messages-revisions.js";
import { SUGGESTIONS_MESSAGES } from "../../pb_public/js/messages-suggestions.js";
import { NETWORK_MESSAGES } from "../../pb_public/js/messages-network.js";
import { EVALUATION_MESSAGES } from "../../pb_public/js/messages-evaluation.js";
import { MESSAGES, setLocale, t } from "../../pb_public/js/i18n.js";
import { FORMS } from "../../pb_public/js/forms.js";
import { STATE_OF_STATUS } from "../../pb_public/js/outbox.js";

const PUBLIC = new URL("../../pb_public/", import.meta.url).pathname;
const FILES = { "messages.js": BASE, "messages-contribute.js": CONTRIBUTE_MESSAGES, "messages-nav.js": NAV_MESSAGES,
    "messages-moderation.js": MODERATION_MESSAGES, "messages-moderation-queue.js": MODERATION_QUEUE_MESSAGES, "messages-conversations.js": CONVERSATIONS_MESSAGES, "messages-discussions.js": DISCUSSIONS_MESSAGES,
    "messages-push.js": PUSH_MESSAGES, "messages-account.js": ACCOUNT_MESSAGES,
    "messages-proposals.js": PROPOSALS_MESSAGES, "messages-revisions.js": REVISIONS_MESSAGES, "messages-suggestions.js": SUGGESTIONS_MESSAGES,
    "messages-network.js": NETWORK_MESSAGES, "messages-evaluation.js": EVALUATION_MESSAGES };

/** @param {string} s */
const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/**
 * problems lists what is wrong with one message file: keys missing in a language, different
 * placeholders, empty texts.
 * @param {Record<string, Record<string, string>>} file
 */
function problems(file) {
    const out = [];
    for (const [lang, other] of [["fr", "en"], ["en", "fr"]]) {
        for (const k of Object.keys(file[lang])) {
            if (!(k in file[other])) {
                out.push(`${k} is in ${lang} but not in ${other}`);
            }
        }
    }
    for (const [k, fr] of Object.entries(file.fr)) {
        const en = file.en[k];
        if (en !== undefined && placeholders(fr).join() !== placeholders(en).join()) {
            out.push(`${k}: placeholders ${placeholders(fr)} in fr, ${placeholders(en)} in en`);
        }
        if (en !== undefined && (fr === "") !== (en === "")) {
            out.push(`${k} is empty in one language only`);
        }
    }
    return out;
}

for (const [name, file] of Object.entries(FILES)) {
    test(`${name}: every key in fr and en, same placeholders`, () => {
        assert.deepEqual(problems(file), []);
    });
}

test("negative control: a key missing in English and a lost placeholder are caught", () => {
    const broken = { fr: { "a.b": "Bonjour {name}", "c.d": "x" }, en: { "a.b": "Hello" } };
    assert.deepEqual(problems(broken), ["c.d is in fr but not in en", "a.b: placeholders name in fr,  in en"]);
});

test("the message files do not define the same key twice", () => {
    const seen = new Set();
    const twice = [];
    for (const file of Object.values(FILES)) {
        for (const k of Object.keys(file.fr)) {
            if (seen.has(k)) {
                twice.push(k);
            }
            seen.add(k);
        }
    }
    assert.deepEqual(twice, []);
});

/** @param {string} dir */
function jsFiles(dir) {
    return readdirSync(dir).flatMap((name) => {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) {
            return name === "vendor" ? [] : jsFiles(p);
        }
        return p.endsWith(".js") ? [p] : [];
    });
}

test("every literal key the code and the page ask for exists", () => {
    const asked = new Set();
    for (const file of jsFiles(PUBLIC)) {
        for (const m of readFileSync(file, "utf8").matchAll(/\bt\("([a-zA-Z0-9_.]+)"/g)) {
            if (!m[1].endsWith(".")) {
                asked.add(m[1]);
            }
        }
    }
    const html = readFileSync(join(PUBLIC, "index.html"), "utf8");
    for (const m of html.matchAll(/data-i18n="([^"]+)"|data-i18n-attr="[a-z-]+:([^"]+)"/g)) {
        asked.add(m[1] || m[2]);
    }
    assert.ok(asked.size > 50, `only ${asked.size} keys found: the scan is broken`);
    assert.deepEqual([...asked].filter((k) => !(k in MESSAGES.fr)).sort(), []);
});

test("every key the contribution views build from data exists", () => {
    const keys = [];
    for (const specs of Object.values(FORMS)) {
        for (const s of specs) {
            keys.push("form." + s.name, ...(s.options || []).map((o) => s.optionKey + o));
        }
    }
    keys.push(...["waiting", "sending", ...Object.values(STATE_OF_STATUS)].map((s) => "outbox.state." + s));
    keys.push(...["field", "updateOnDeleted", "deleteOnModified", "rejected"].map((k) => "conflicts.kind." + k));
    keys.push(...["resident", "facilitator", "moderator"].map((r) => "role." + r));
    keys.push(...["create", "update", "delete"].map((o) => "outbox.op." + o));
    keys.push(...["initiatives", "events", "offers", "organisations", "syncConflicts"].map((c) => "coll." + c));
    keys.push(...["initiative", "event", "offer", "organisation"].map((c) => "contribute." + c));
    assert.deepEqual(keys.filter((k) => !(k in MESSAGES.fr)), []);
});

test("t fills placeholders with locale-formatted numbers and falls back to the key", () => {
    setLocale("fr");
    assert.equal(t("sync.progress", { done: 12480, total: 20000, collection: "initiatives" }), "12\u202f480 / 20\u202f000 initiatives");
    setLocale("en");
    assert.equal(t("outbox.pending", { count: 3 }), "3 waiting");
    assert.equal(t("no.such.key"), "no.such.key");
    setLocale("fr");
});
