// @ts-check
// The only module that talks to the server: the PocketBase SDK for accounts and realtime, and
// call() for Maillage's own routes. Everything else goes through here. Every request names the
// app's current language (Accept-Language), so the server's messages follow the language the
// app shows (unless the signed-in user's profile names one: session.js keeps the two equal).
import PocketBase from "../vendor/pocketbase/pocketbase.es.mjs";
import { locale } from "./i18n.js";

/** The PocketBase client; its auth store (localStorage) keeps the user signed in offline. */
export const pb = new PocketBase(location.origin);
pb.autoCancellation(false);
pb.beforeSend = (url, options) => {
    options.headers = withLanguage(options.headers);
    return { url, options };
};

/**
 * withLanguage returns headers with the app's current language added.
 * @param {Record<string, string>} [headers]
 * @returns {Record<string, string>}
 */
export function withLanguage(headers = {}) {
    return { ...headers, "Accept-Language": locale() };
}

/** ApiError is a failed call: status 0 means the network could not be reached. */
export class ApiError extends Error {
    /**
     * @param {number} status
     * @param {string} message
     * @param {any} [body]
     */
    constructor(status, message, body) {
        super(message);
        this.status = status;
        this.body = body;
    }

    /** transient reports whether the call may succeed later (offline, 5xx, 429). */
    get transient() {
        return this.status === 0 || this.status === 429 || this.status >= 500;
    }
}

/**
 * TIMEOUTS are how long call() waits for a whole answer, in milliseconds: a request that
 * hangs (a half-open connection, a stalled proxy) fails instead of holding the sync forever.
 * Uploads (a Blob body) get longer for a photo on a slow link.
 */
export const TIMEOUTS = { request: 30_000, upload: 120_000 };

/**
 * call sends a request to the server with the user's token and returns the decoded JSON.
 * It fails with a transient ApiError (status 0) when the answer has not fully arrived
 * within TIMEOUTS.
 * @param {string} method
 * @param {string} path
 * @param {any} [body] JSON-encoded unless it is a Blob
 * @param {Record<string, string>} [headers]
 */
export async function call(method, path, body, headers = {}) {
    const h = withLanguage(headers);
    if (pb.authStore.token) {
        h.Authorization = pb.authStore.token;
    }
    let payload = body;
    if (body !== undefined && !(body instanceof Blob)) {
        h["Content-Type"] = "application/json";
        payload = JSON.stringify(body);
    }
    const ms = body instanceof Blob ? TIMEOUTS.upload : TIMEOUTS.request;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), ms);
    // A request under way when the network goes may never settle: it fails at once instead,
    // so that a view waiting on it draws from the device's data without waiting for the timeout.
    let lost = false;
    const onOffline = () => { lost = true; abort.abort(); };
    globalThis.addEventListener?.("offline", onOffline);
    try {
        return await send(path, { method, headers: h, body: payload, cache: "no-store", signal: abort.signal });
    } catch (err) {
        if (abort.signal.aborted) {
            throw new ApiError(0, lost ? "the network went away: the sync will try again"
                : `no answer from the server within ${ms / 1000} s: the sync will try again`);
        }
        throw err;
    } finally {
        clearTimeout(timer);
        globalThis.removeEventListener?.("offline", onOffline);
    }
}

/**
 * send fetches path and decodes the answer, reading the whole body under init's signal.
 * @param {string} path
 * @param {RequestInit} init
 */
async function send(path, init) {
    let res;
    try {
        res = await fetch(path, init);
    } catch (err) {
        throw new ApiError(0, "no network: " + /** @type {Error} */ (err).message);
    }
    const text = await res.text();
    const data = text ? safeJSON(text) : null;
    if (!res.ok) {
        throw new ApiError(res.status, (data && data.message) || res.statusText, data);
    }
    return data;
}

/** @param {string} text */
function safeJSON(text) {
    try {
        return JSON.parse(text);
    } catch {
        return { message: text };
    }
}

/**
 * download fetches path with the user's token and returns its body as a Blob, with the file
 * name the server suggests (Content-Disposition), for files the browser then saves.
 * @param {string} path
 * @returns {Promise<{blob: Blob, name: string}>}
 */
export async function download(path) {
    const h = withLanguage(pb.authStore.token ? { Authorization: pb.authStore.token } : {});
    let res;
    try {
        res = await fetch(path, { headers: h, cache: "no-store" });
    } catch (err) {
        throw new ApiError(0, "no network: " + /** @type {Error} */ (err).message);
    }
    if (!res.ok) {
        const data = safeJSON(await res.text());
        throw new ApiError(res.status, (data && data.message) || res.statusText, data);
    }
    const name = /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") || "")?.[1] || "";
    return { blob: await res.blob(), name };
}

/**
 * exists tells whether a HEAD request on path answers 2xx (false when offline).
 * @param {string} path
 */
export async function exists(path) {
    try {
        const h = withLanguage(pb.authStore.token ? { Authorization: pb.authStore.token } : {});
        const res = await fetch(path, { method: "HEAD", headers: h, cache: "no-store" });
        return res.ok;
    } catch {
        return false;
    }
}

/**
 * currentUser returns the signed-in user's record, or null. An expired token still counts
 * offline: the user stays signed in, and the server asks again when the network is back.
 */
export function currentUser() {
    return pb.authStore.token && pb.authStore.record ? pb.authStore.record : null;
}
