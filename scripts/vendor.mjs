#!/usr/bin/env node
// Copies the PWA's vendored libraries from their pinned npm packages into pb_public/vendor and
// checks them against package-lock.json.
//
//   node scripts/vendor.mjs          fetch each package's tarball (npm pack), check its sha512
//                                    against the lockfile's integrity, copy the listed files
//   node scripts/vendor.mjs --check  check that every vendored file is byte-identical to the
//                                    file of the locked package (node_modules, installed by
//                                    `npm ci`, which verifies the same integrity)
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "pb_public", "vendor");

/** Files copied from each package: [path in the package, path under pb_public/vendor]. */
export const VENDORED = {
    "leaflet": [
        ["dist/leaflet.js", "leaflet/leaflet.js"],
        ["dist/leaflet.css", "leaflet/leaflet.css"],
        ["dist/images/layers.png", "leaflet/images/layers.png"],
        ["dist/images/layers-2x.png", "leaflet/images/layers-2x.png"],
        ["dist/images/marker-icon.png", "leaflet/images/marker-icon.png"],
        ["dist/images/marker-icon-2x.png", "leaflet/images/marker-icon-2x.png"],
        ["dist/images/marker-shadow.png", "leaflet/images/marker-shadow.png"],
        ["LICENSE", "leaflet/LICENSE"],
    ],
    "leaflet.markercluster": [
        ["dist/leaflet.markercluster.js", "leaflet.markercluster/leaflet.markercluster.js"],
        ["dist/MarkerCluster.css", "leaflet.markercluster/MarkerCluster.css"],
        ["dist/MarkerCluster.Default.css", "leaflet.markercluster/MarkerCluster.Default.css"],
        ["MIT-LICENCE.txt", "leaflet.markercluster/MIT-LICENCE.txt"],
    ],
    "pocketbase": [
        ["dist/pocketbase.es.mjs", "pocketbase/pocketbase.es.mjs"],
        ["LICENSE.md", "pocketbase/LICENSE.md"],
    ],
    "rrule": [
        ["dist/es5/rrule.min.js", "rrule/rrule.min.js"],
        ["LICENCE", "rrule/LICENCE"],
    ],
    // The territory's vector base map (js/ui/basemap.js): one script defining protomapsL, which
    // bundles its own dependencies (vendor/protomaps-leaflet/BUNDLED.md lists them and their licences).
    "protomaps-leaflet": [
        ["dist/protomaps-leaflet.js", "protomaps-leaflet/protomaps-leaflet.js"],
        ["LICENSE", "protomaps-leaflet/LICENSE"],
    ],
    // The network view's force-directed layout (js/views/network.js): d3-force and the three
    // packages it needs, as scripts that define the global d3 in this order.
    "d3-dispatch": [
        ["dist/d3-dispatch.min.js", "d3-force/d3-dispatch.min.js"],
        ["LICENSE", "d3-force/LICENSE-d3-dispatch"],
    ],
    "d3-quadtree": [
        ["dist/d3-quadtree.min.js", "d3-force/d3-quadtree.min.js"],
        ["LICENSE", "d3-force/LICENSE-d3-quadtree"],
    ],
    "d3-timer": [
        ["dist/d3-timer.min.js", "d3-force/d3-timer.min.js"],
        ["LICENSE", "d3-force/LICENSE-d3-timer"],
    ],
    "d3-force": [
        ["dist/d3-force.min.js", "d3-force/d3-force.min.js"],
        ["LICENSE", "d3-force/LICENSE"],
    ],
};

/** The lockfile entry of a package: {version, integrity}. */
function locked(name) {
    const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
    const entry = lock.packages["node_modules/" + name];
    if (!entry || !entry.integrity) {
        throw new Error(`package-lock.json has no integrity for ${name}: run npm install`);
    }
    return entry;
}

/** Fetches the tarball of name@version and fails unless it matches the lockfile's sha512. */
function fetchVerified(name, entry, dir) {
    const file = execFileSync("npm", ["pack", `${name}@${entry.version}`, "--silent", "--pack-destination", dir],
        { encoding: "utf8" }).trim().split("\n").pop();
    const tgz = readFileSync(join(dir, file));
    const got = "sha512-" + createHash("sha512").update(tgz).digest("base64");
    if (got !== entry.integrity) {
        throw new Error(`${name}@${entry.version}: tarball ${got} differs from the lockfile's ${entry.integrity}`);
    }
    const into = join(dir, name.replace(/[^a-z0-9.-]/gi, "_"));
    mkdirSync(into, { recursive: true });
    execFileSync("tar", ["-xzf", join(dir, file), "-C", into]);
    return join(into, "package");
}

/** Copies every vendored file from the verified tarballs. */
function vendor() {
    const tmp = mkdtempSync(join(tmpdir(), "maillage-vendor-"));
    try {
        for (const [name, files] of Object.entries(VENDORED)) {
            const entry = locked(name);
            const pkg = fetchVerified(name, entry, tmp);
            for (const [from, to] of files) {
                mkdirSync(dirname(join(out, to)), { recursive: true });
                writeFileSync(join(out, to), readFileSync(join(pkg, from)));
            }
            console.log(`vendored ${name}@${entry.version} (${files.length} files, integrity checked)`);
        }
    } finally {
        rmSync(tmp, { recursive: true, force: true });
    }
}

/** Returns the problems found comparing pb_public/vendor with the locked packages. */
function check() {
    const problems = [];
    for (const [name, files] of Object.entries(VENDORED)) {
        const entry = locked(name);
        const pkgDir = join(root, "node_modules", name);
        const installed = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")).version;
        if (installed !== entry.version) {
            problems.push(`${name}: node_modules has ${installed}, the lockfile ${entry.version}: run npm ci`);
            continue;
        }
        for (const [from, to] of files) {
            const dst = join(out, to);
            if (!existsSync(dst) || !readFileSync(dst).equals(readFileSync(join(pkgDir, from)))) {
                problems.push(`pb_public/vendor/${to} differs from ${name}@${entry.version}/${from}: run npm run vendor`);
            }
        }
    }
    return problems;
}

if (process.argv.includes("--check")) {
    const problems = check();
    for (const p of problems) {
        console.error(p);
    }
    if (problems.length > 0) {
        process.exit(1);
    }
    console.log("vendored libraries match package-lock.json");
} else {
    vendor();
}
