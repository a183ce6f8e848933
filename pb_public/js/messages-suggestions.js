// @ts-check
// Texts of suggested edits (suggest.js) and of the outbox state of an update kept as a
// suggestion, in French (first) and English. i18n.js merges them.

/** @type {Record<"fr"|"en", Record<string, string>>} */
export const SUGGESTIONS_MESSAGES = {
    fr: {
        "suggest.button": "Suggérer une modification", "suggest.title": "Modifications suggérées",
        "suggest.changedSince": "modifié depuis", "suggest.fieldAccepted": "accepté",
        "suggest.status.pending": "En attente", "suggest.status.accepted": "Acceptée",
        "suggest.status.partlyAccepted": "Acceptée en partie", "suggest.status.declined": "Refusée",
        "suggest.reason": "Raison : {reason}", "suggest.reasonLabel": "Raison du refus",
        "suggest.reasonNeeded": "Dites pourquoi vous refusez : la personne verra votre raison.",
        "suggest.accept": "Accepter les champs cochés", "suggest.decline": "Refuser",
        "suggest.accepted": "Suggestion acceptée.", "suggest.declined": "Suggestion refusée.",
        "suggest.failed": "La décision n'a pas pu être envoyée : réessayez une fois connecté·e.",
        "suggest.queued": "Décision gardée sur l'appareil : elle partira au retour du réseau.",
        "outbox.state.suggested": "Envoyé comme suggestion",
    },
    en: {
        "suggest.button": "Suggest an edit", "suggest.title": "Suggested edits",
        "suggest.changedSince": "changed since", "suggest.fieldAccepted": "accepted",
        "suggest.status.pending": "Pending", "suggest.status.accepted": "Accepted",
        "suggest.status.partlyAccepted": "Partly accepted", "suggest.status.declined": "Declined",
        "suggest.reason": "Reason: {reason}", "suggest.reasonLabel": "Reason for declining",
        "suggest.reasonNeeded": "Say why you decline: the person will see your reason.",
        "suggest.accept": "Accept the checked fields", "suggest.decline": "Decline",
        "suggest.accepted": "Suggestion accepted.", "suggest.declined": "Suggestion declined.",
        "suggest.failed": "The decision could not be sent: try again once online.",
        "suggest.queued": "Decision kept on this device: it will be sent when the network is back.",
        "outbox.state.suggested": "Sent as a suggestion",
    },
};
