// @ts-check
// One tab leads the sync (Web Locks); the others follow through a BroadcastChannel: they ask
// the leader to sync after a local change and refresh their views when it says data changed.

/**
 * @typedef {{type: "kick"} | {type: "changed", what: string[]} | {type: "progress", p: any}} Message
 */

/** Leader elects a leading tab for a database and carries messages between tabs. */
export class Leader {
    /**
     * @param {string} name the database name: one leader per user
     * @param {{onLead: () => void, onMessage: (m: Message) => void}} handlers
     */
    constructor(name, handlers) {
        this.isLeader = false;
        this.channel = "BroadcastChannel" in globalThis ? new BroadcastChannel(name) : null;
        if (this.channel) {
            this.channel.onmessage = (ev) => handlers.onMessage(ev.data);
        }
        /** @type {() => void} */
        this.release = () => {};
        const held = new Promise((resolve) => { this.release = () => resolve(undefined); });
        const lead = () => {
            this.isLeader = true;
            handlers.onLead();
            return held;
        };
        if (navigator.locks) {
            navigator.locks.request(name + "-sync", lead);
        } else {
            lead();
        }
    }

    /**
     * post sends a message to the other tabs.
     * @param {Message} m
     */
    post(m) {
        this.channel?.postMessage(m);
    }

    /** close gives up leadership (sign-out) and closes the channel. */
    close() {
        this.release();
        this.channel?.close();
    }
}
