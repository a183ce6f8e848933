// @ts-check
// Texts of the navigation (js/ui/nav.js, the More view) that messages.js does not already
// hold, in French (first) and English. i18n.js merges them; test/js/i18n.test.mjs checks that
// both languages have the same keys and placeholders, test/js/nav.test.mjs that every
// destination and group has its label.

/** @type {Record<"fr"|"en", Record<string, string>>} */
export const NAV_MESSAGES = {
    fr: {
        "nav.more": "Plus", "nav.about": "À propos", "nav.more.title": "Plus de rubriques",
        "nav.group.explore": "Explorer", "nav.group.takePart": "Participer", "nav.group.you": "Vous",
        "nav.group.about": "Le projet",
    },
    en: {
        "nav.more": "More", "nav.about": "About", "nav.more.title": "More sections",
        "nav.group.explore": "Explore", "nav.group.takePart": "Take part", "nav.group.you": "You",
        "nav.group.about": "The project",
    },
};
