// @ts-check
// Texts of the map's base map served by the server (ui/basemap.js, ui/keep-basemap.js) that
// messages.js does not already hold, in French (first) and English. i18n.js merges them;
// test/js/i18n.test.mjs checks that both languages have the same keys and placeholders.

/** @type {Record<"fr"|"en", Record<string, string>>} */
export const BASEMAP_MESSAGES = {
    fr: {
        "map.sizing": "Calcul de la taille de la zone…",
        "map.sizeUnknown": "Impossible de connaître la taille de la zone sans réseau : réessayez une fois connecté·e.",
        "map.keepSize": "Cette zone : {tiles} tuiles, {size}, jusqu'au zoom {zoom}. Les enregistrer sur cet appareil ?",
        "map.kB": "{n} ko", "map.MB": "{n} Mo",
        "map.keepStart": "Enregistrer", "map.keepCancel": "Annuler",
        "map.keepProgress": "Enregistrement du fond de carte",
        "map.outsideBasemap": "Le fond de carte ne couvre pas cette zone.",
    },
    en: {
        "map.sizing": "Working out the size of the area…",
        "map.sizeUnknown": "The size of the area cannot be known without a network: try again once online.",
        "map.keepSize": "This area: {tiles} tiles, {size}, down to zoom {zoom}. Save them on this device?",
        "map.kB": "{n} kB", "map.MB": "{n} MB",
        "map.keepStart": "Save", "map.keepCancel": "Cancel",
        "map.keepProgress": "Saving the base map",
        "map.outsideBasemap": "The base map does not cover this area.",
    },
};
