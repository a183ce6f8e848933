// @ts-check
// Texts of the knowledge wiki (js/views/wiki.js, js/views/wiki-edit.js), in French (first) and
// English. i18n.js merges them; test/js/i18n.test.mjs checks that both languages have the same
// keys and placeholders.

/** @type {Record<"fr"|"en", Record<string, string>>} */
export const WIKI_MESSAGES = {
    fr: {
        "nav.wiki": "Savoirs",
        "coll.pages": "pages du wiki", "kind.pages": "Page",
        "wiki.title": "Savoirs partagés",
        "wiki.intro": "Guides et savoir-faire écrits par les membres : ce qui a marché, comment s'y prendre.",
        "wiki.search": "Chercher", "wiki.searchHint": "Composter, réparer, monter une asso…",
        "wiki.new": "Écrire une page", "wiki.editTitle": "Modifier la page", "wiki.edit": "Modifier",
        "wiki.empty": "Aucune page pour l'instant : écrivez la première.",
        "wiki.noMatch": "Aucune page ne correspond à cette recherche.",
        "wiki.notFound": "Page introuvable : elle n'est peut-être pas encore arrivée sur cet appareil.",
        "wiki.back": "Toutes les pages", "wiki.about": "À propos de", "wiki.images": "Images",
        "wiki.imageAlt": "{title}, image {n}", "wiki.pagesAbout": "Pages du wiki",
        "wiki.writeAbout": "Écrire une page à ce sujet",
        "wiki.signIn": "Connectez-vous pour écrire une page.",
        "wiki.fieldTitle": "Titre", "wiki.fieldSummary": "Résumé (une phrase)", "wiki.fieldBody": "Texte",
        "wiki.fieldVisibility": "Qui peut la lire", "wiki.fieldCommunity": "Communauté",
        "wiki.fieldImage": "Ajouter une image",
        "wiki.visibility.public": "Tout le monde", "wiki.visibility.community": "Les membres",
        "wiki.visibility.private": "Moi seulement", "wiki.noCommunity": "Aucune (tous les membres inscrits)",
        "wiki.hint": "Markdown : # titre, **gras**, *italique*, listes « - », [lien](https://…), [fiche](#/i/initiatives/…) et ![légende](1) pour la première image. Le HTML n'est pas permis.",
        "wiki.save": "Enregistrer", "wiki.titleRequired": "Donnez un titre à la page.",
    },
    en: {
        "nav.wiki": "Knowledge",
        "coll.pages": "wiki pages", "kind.pages": "Page",
        "wiki.title": "Shared knowledge",
        "wiki.intro": "Guides and know-how written by members: what worked, and how to go about it.",
        "wiki.search": "Search", "wiki.searchHint": "Composting, repairing, starting a group…",
        "wiki.new": "Write a page", "wiki.editTitle": "Edit the page", "wiki.edit": "Edit",
        "wiki.empty": "No page yet: write the first one.",
        "wiki.noMatch": "No page matches this search.",
        "wiki.notFound": "Page not found: it may not have reached this device yet.",
        "wiki.back": "All pages", "wiki.about": "About", "wiki.images": "Images",
        "wiki.imageAlt": "{title}, image {n}", "wiki.pagesAbout": "Wiki pages",
        "wiki.writeAbout": "Write a page about it",
        "wiki.signIn": "Sign in to write a page.",
        "wiki.fieldTitle": "Title", "wiki.fieldSummary": "Summary (one sentence)", "wiki.fieldBody": "Text",
        "wiki.fieldVisibility": "Who may read it", "wiki.fieldCommunity": "Community",
        "wiki.fieldImage": "Add an image",
        "wiki.visibility.public": "Everyone", "wiki.visibility.community": "Members",
        "wiki.visibility.private": "Only me", "wiki.noCommunity": "None (all signed-in members)",
        "wiki.hint": "Markdown: # heading, **bold**, *italics*, \"- \" lists, [link](https://…), [record](#/i/initiatives/…) and ![caption](1) for the first image. HTML is not allowed.",
        "wiki.save": "Save", "wiki.titleRequired": "Give the page a title.",
    },
};
