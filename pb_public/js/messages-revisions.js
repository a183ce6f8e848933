// @ts-check
// Texts of a record's history (history.js), in French (first) and English.
// i18n.js merges them; test/js/i18n.test.mjs checks both languages have the same keys.

/** @type {Record<"fr"|"en", Record<string, string>>} */
export const REVISIONS_MESSAGES = {
    fr: {
        "history.title": "Historique",
        "history.loading": "Chargement de l'historique…",
        "history.empty": "Aucune modification visible pour vous.",
        "history.offline": "L'historique se lit en ligne : réessayez une fois connecté·e.",
        "history.you": "Vous",
        "history.someone": "Une personne",
        "history.import": "Import « {source} »",
        "history.source.sync": "Synchronisation",
        "history.source.dashboard": "Administration",
        "history.source.merge": "Fusion de doublons",
        "history.source.revert": "Retour en arrière",
        "history.source.system": "Maillage",
        "history.source.sql": "Base de données",
        "history.op.create": "création",
        "history.op.update": "modification",
        "history.op.delete": "suppression",
        "history.revert": "Revenir avant cette modification",
        "history.revertField": "Revenir pour ce champ",
        "history.reverted": "La fiche a repris ses valeurs précédentes.",
    },
    en: {
        "history.title": "History",
        "history.loading": "Loading the history…",
        "history.empty": "No change you may see.",
        "history.offline": "The history is read online: try again once connected.",
        "history.you": "You",
        "history.someone": "Someone",
        "history.import": "Import “{source}”",
        "history.source.sync": "Sync",
        "history.source.dashboard": "Administration",
        "history.source.merge": "Duplicate merge",
        "history.source.revert": "Revert",
        "history.source.system": "Maillage",
        "history.source.sql": "Database",
        "history.op.create": "created",
        "history.op.update": "changed",
        "history.op.delete": "deleted",
        "history.revert": "Go back to before this change",
        "history.revertField": "Go back for this field",
        "history.reverted": "The record took back its earlier values.",
    },
};
