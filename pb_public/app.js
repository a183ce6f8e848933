// @ts-check
// Maillage PWA entry point.

/** Shows the number of published initiatives the API lets this visitor see. */
async function initCount() {
    const out = document.getElementById("count");
    if (!out) {
        return;
    }
    try {
        const res = await fetch("/api/collections/initiatives/records?perPage=1&fields=id&filter=" +
            encodeURIComponent('status = "published" && deleted = false'));
        if (!res.ok) {
            throw new Error("HTTP " + res.status);
        }
        const body = await res.json();
        out.textContent = body.totalItems + " initiatives publiées";
        out.dataset.count = String(body.totalItems);
    } catch (err) {
        out.textContent = "Impossible de joindre le serveur pour le moment.";
    }
}

initCount();
