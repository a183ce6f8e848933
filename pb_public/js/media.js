// @ts-check
// Photos taken offline: resized on the device, hashed (sha256), kept in the blobs store until
// uploaded with an idempotent PUT /api/sync/media/{id}, before the mutations that reference them.
import { call, exists } from "./api.js";
import { req, tx } from "./db.js";
import { newId } from "./outbox.js";

/** The header carrying the photo's sha256 (hex) on upload (docs/sync.md, "Media"). */
export const SHA_HEADER = "X-Content-Sha256";
/** Longest side of a resized photo, in pixels. */
export const MAX_SIDE = 1600;

/**
 * resize draws an image file into a canvas whose longest side is at most maxSide and returns
 * it as JPEG; EXIF orientation is applied by the browser when decoding.
 * @param {Blob} file
 * @param {number} [maxSide]
 * @returns {Promise<Blob>}
 */
export async function resize(file, maxSide = MAX_SIDE) {
    const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const w = Math.round(bitmap.width * scale);
    const h = Math.round(bitmap.height * scale);
    const canvas = new OffscreenCanvas(w, h);
    const ctx = /** @type {OffscreenCanvasRenderingContext2D} */ (canvas.getContext("2d"));
    ctx.drawImage(bitmap, 0, 0, w, h);
    bitmap.close();
    return canvas.convertToBlob({ type: "image/jpeg", quality: 0.82 });
}

/**
 * sha256Hex returns the hex sha256 of a blob.
 * @param {Blob} blob
 */
export async function sha256Hex(blob) {
    const digest = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * keepPhoto resizes a photo, stores it in the blobs store and returns its media id.
 * @param {IDBDatabase} db
 * @param {Blob} file
 * @param {{c: string, id: string}} parent the record the photo belongs to
 */
export async function keepPhoto(db, file, parent) {
    const blob = await resize(file);
    const sha256 = await sha256Hex(blob);
    const id = newId();
    await tx(db, ["blobs"], "readwrite", async (t) => {
        await req(t.objectStore("blobs").put({ id, sha256, blob, type: blob.type, parent, uploaded: false }));
    });
    return id;
}

/**
 * uploadBlob uploads a stored photo unless the server already has it; idempotent.
 * @param {IDBDatabase} db
 * @param {string} id
 */
export async function uploadBlob(db, id) {
    const b = await req(db.transaction("blobs").objectStore("blobs").get(id));
    if (!b || b.uploaded) {
        return;
    }
    const path = "/api/sync/media/" + encodeURIComponent(id);
    if (!(await exists(path))) {
        await call("PUT", path + "?collection=" + encodeURIComponent(b.parent.c) + "&recordId=" + encodeURIComponent(b.parent.id),
            b.blob, { [SHA_HEADER]: b.sha256, "Content-Type": b.type });
    }
    b.uploaded = true;
    await tx(db, ["blobs"], "readwrite", async (t) => { await req(t.objectStore("blobs").put(b)); });
}

/**
 * blobURL returns an object URL for a stored photo, or "" when it is not on this device.
 * @param {IDBDatabase} db
 * @param {string} id
 */
export async function blobURL(db, id) {
    const b = await req(db.transaction("blobs").objectStore("blobs").get(id));
    return b ? URL.createObjectURL(b.blob) : "";
}
