// @ts-check
// Notifications in the account view: this device's Web Push subscription, asked for only when
// the person presses the button (never on load), and what they want to receive
// (push-preferences.js). The subscription is PushSubscription.toJSON() posted as it is; the
// server makes the requester its owner. The service worker (sw.js) shows what arrives.
import { h } from "./ui/dom.js";
import { call } from "./api.js";
import { explain, preferencesForm } from "./push-preferences.js";

const SUBSCRIPTIONS = "/api/collections/pushSubscriptions/records";
const KEY = "/api/maillage/push/key";

/** supported reports whether this browser can receive Web Push. */
export function supported() {
    return "serviceWorker" in navigator && "PushManager" in globalThis && "Notification" in globalThis;
}

/**
 * pushSettings returns the notifications section of the account view; it fills itself in.
 * @param {any} ctx the view's context (t, db)
 */
export function pushSettings(ctx) {
    const section = h("section", { class: "push-settings", "data-testid": "push-settings" },
        h("h2", {}, ctx.t("push.title")), h("p", {}, ctx.t("push.intro")));
    if (!supported()) {
        section.append(h("p", { class: "notice", "data-testid": "push-unsupported" }, ctx.t("push.unsupported")));
        return section;
    }
    const device = h("div", { "data-testid": "push-device" });
    const result = h("p", { role: "alert", "data-testid": "push-result" });
    section.append(device, result);
    drawDevice(device, result, ctx);
    preferencesForm(ctx).then((form) => section.append(form));
    return section;
}

/**
 * drawDevice shows whether this device receives notifications, with the button that changes it.
 * @param {HTMLElement} el
 * @param {HTMLElement} result
 * @param {any} ctx
 */
async function drawDevice(el, result, ctx) {
    const sub = await currentSubscription();
    const on = sub !== null && Notification.permission === "granted";
    el.dataset.state = on ? "on" : "off";
    const button = h("button", { type: "button", class: on ? "secondary" : "", "data-testid": on ? "push-disable" : "push-enable" },
        ctx.t(on ? "push.disable" : "push.enable"));
    button.addEventListener("click", async () => {
        button.setAttribute("disabled", "");
        result.textContent = "";
        try {
            await (on ? turnOff() : turnOn());
        } catch (err) {
            result.className = "field-error";
            result.textContent = explain(err, ctx);
        }
        await drawDevice(el, result, ctx);
    });
    const denied = Notification.permission === "denied";
    el.replaceChildren(h("p", { "data-testid": "push-state" }, ctx.t(denied ? "push.denied" : on ? "push.on" : "push.off")), button);
}

/** currentSubscription is this browser's push subscription for Maillage's worker, or null. */
async function currentSubscription() {
    const reg = await navigator.serviceWorker.getRegistration("/");
    return reg ? reg.pushManager.getSubscription() : null;
}

/**
 * turnOn asks the permission (this runs from the button's click: a gesture), subscribes with
 * the server's VAPID key and posts the subscription.
 */
async function turnOn() {
    if (!navigator.onLine) {
        throw new Error("offline");
    }
    if (await Notification.requestPermission() !== "granted") {
        return; // drawDevice says it is denied
    }
    const { publicKey } = await call("GET", KEY);
    const reg = await navigator.serviceWorker.getRegistration("/");
    if (!reg) {
        throw new Error("no service worker"); // not installed (private mode, plain http on a LAN)
    }
    const key = fromBase64Url(publicKey);
    let sub = await reg.pushManager.getSubscription();
    if (sub && !sameKey(sub, key)) {
        await sub.unsubscribe(); // made with another server key: it can no longer be used
        sub = null;
    }
    sub ||= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    await call("POST", SUBSCRIPTIONS, sub.toJSON());
}

/** turnOff deletes this device's subscription on the server, then in the browser. */
async function turnOff() {
    const sub = await currentSubscription();
    if (!sub) {
        return;
    }
    const page = await call("GET", SUBSCRIPTIONS + "?perPage=200&skipTotal=1");
    for (const rec of page.items.filter((/** @type {any} */ r) => r.endpoint === sub.endpoint)) {
        await call("DELETE", SUBSCRIPTIONS + "/" + rec.id);
    }
    await sub.unsubscribe();
}

/**
 * sameKey reports whether sub was made with applicationServerKey key.
 * @param {PushSubscription} sub
 * @param {Uint8Array} key
 */
function sameKey(sub, key) {
    const used = sub.options?.applicationServerKey;
    if (!used) {
        return true; // the browser does not say: keep it
    }
    const bytes = new Uint8Array(used);
    return bytes.length === key.length && bytes.every((b, i) => b === key[i]);
}

/**
 * fromBase64Url decodes a VAPID key as the Push API wants it.
 * @param {string} s
 */
export function fromBase64Url(s) {
    const b64 = s.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (s.length % 4)) % 4);
    return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}
