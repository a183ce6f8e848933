// @ts-check
// Pure helpers of comments and the forum: a record's comments as top comments with their
// replies (one level deep), the forum's threads filtered and ordered by latest activity.

/**
 * @typedef {{top: Record<string, any>, replies: Array<Record<string, any>>}} CommentThread
 */

/**
 * commentsOf returns the comments of collection c's record id, oldest first, each top-level
 * comment with its replies; a reply whose top comment is not on the device shows as a top one.
 * @param {Array<Record<string, any>>} all every local comment
 * @param {string} c
 * @param {string} id
 * @returns {CommentThread[]}
 */
export function commentsOf(all, c, id) {
    const mine = all.filter((x) => x.collection === c && x.recordId === id && !x.deleted).sort(byCreated);
    const tops = new Map(mine.filter((x) => !x.parent).map((x) => [x.id, { top: x, replies: /** @type {any[]} */ ([]) }]));
    for (const x of mine.filter((y) => y.parent)) {
        const thread = tops.get(x.parent);
        if (thread) {
            thread.replies.push(x);
        } else {
            tops.set(x.id, { top: x, replies: [] });
        }
    }
    return [...tops.values()].sort((a, b) => byCreated(a.top, b.top));
}

/**
 * byCreated orders records oldest first; a record not yet sent (no created date) comes last.
 * @param {Record<string, any>} a
 * @param {Record<string, any>} b
 */
function byCreated(a, b) {
    return String(a.created || "\uffff").localeCompare(String(b.created || "\uffff"));
}

/**
 * forumThreads returns the threads to list: those of the category theme (or any) and the
 * community (or any, "open" for threads of no community), most recently active first. The
 * activity of a thread is its own last change or its latest comment.
 * @param {Array<Record<string, any>>} threads
 * @param {Array<Record<string, any>>} comments
 * @param {{theme?: string, community?: string}} filter
 */
export function forumThreads(threads, comments, filter) {
    const latest = new Map();
    for (const x of comments) {
        if (x.collection === "threads" && !x.deleted) {
            latest.set(x.recordId, Math.max(latest.get(x.recordId) || 0, stamp(x.created)));
        }
    }
    const activity = (/** @type {Record<string, any>} */ th) => Math.max(stamp(th.updated || th.created), latest.get(th.id) || 0);
    return threads.filter((th) => !th.deleted && matches(th, filter))
        .map((th) => ({ thread: th, activity: activity(th), replies: comments.filter((x) => x.recordId === th.id && x.collection === "threads" && !x.deleted).length }))
        .sort((a, b) => b.activity - a.activity);
}

/**
 * matches tells whether a thread passes the forum's filter.
 * @param {Record<string, any>} th
 * @param {{theme?: string, community?: string}} filter
 */
function matches(th, filter) {
    if (filter.theme && !(th.categories || []).includes(filter.theme)) {
        return false;
    }
    if (filter.community === "open") {
        return !th.community;
    }
    return !filter.community || th.community === filter.community;
}

/**
 * stamp reads a PocketBase date ("2026-12-02 21:19:50.123Z"); a record not sent yet is newest.
 * @param {string} [s]
 */
function stamp(s) {
    const t = s ? Date.parse(s.replace(" ", "T")) : NaN;
    return Number.isNaN(t) ? Number.MAX_SAFE_INTEGER : t;
}
