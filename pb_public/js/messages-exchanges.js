// @ts-check
// Texts of the exchange panel of an offer's page (interest, reservation, bookings calendar) and
// the offer states added with it, in French (first) and English. i18n.js merges them.

/** @type {Record<"fr"|"en", Record<string, string>>} */
export const EXCHANGES_MESSAGES = {
    fr: {
        "state.withdrawn": "Retiré", "state.expired": "Expiré",
        "ex.title": "Échange", "ex.interested": "Ça m'intéresse", "ex.myConversation": "Ma conversation à ce sujet",
        "ex.signIn": "Connectez-vous pour répondre à cette offre.",
        "ex.reservedForYou": "Réservé pour vous.", "ex.reservedFor": "Réservé pour {name}.",
        "ex.reserveFor": "Réserver pour", "ex.reserve": "Réserver", "ex.nobodyYet": "Personne ne vous a encore écrit à ce sujet : on réserve pour une personne d'une conversation.",
        "ex.to.open": "Remettre disponible", "ex.to.done": "Marquer comme conclu", "ex.to.withdrawn": "Retirer l'offre",
        "ex.expiredHint": "Pour rouvrir une offre expirée, choisissez d'abord une nouvelle date d'expiration (Modifier).",
        "ex.queued": "Enregistré : partira au retour du réseau si besoin.", "ex.someone": "quelqu'un",
        "ex.currency": "Monnaie locale : {name}",
        "bk.title": "Calendrier des réservations", "bk.busy": "Déjà réservé :", "bk.free": "Aucune date réservée pour l'instant.",
        "bk.busyOffline": "Les dates déjà prises s'afficheront avec le réseau.", "bk.span": "du {first} au {last}",
        "bk.first": "Premier jour", "bk.last": "Dernier jour", "bk.note": "Un mot pour la personne qui prête",
        "bk.ask": "Demander ces dates", "bk.mine": "Mes demandes", "bk.all": "Demandes reçues",
        "bk.lastBeforeFirst": "Le dernier jour est avant le premier : corrigez l'une des deux dates.",
        "bk.status.requested": "En attente", "bk.status.confirmed": "Confirmée", "bk.status.declined": "Refusée", "bk.status.cancelled": "Annulée",
        "bk.datesTaken": "Ces dates ont été données à une autre demande.",
        "bk.confirm": "Confirmer", "bk.decline": "Refuser", "bk.cancel": "Annuler ma demande",
        "bk.refused": "Demande refusée par le serveur : {message}", "bk.seeConflicts": "Voir les conflits",
    },
    en: {
        "state.withdrawn": "Withdrawn", "state.expired": "Expired",
        "ex.title": "Exchange", "ex.interested": "I'm interested", "ex.myConversation": "My conversation about it",
        "ex.signIn": "Sign in to answer this offer.",
        "ex.reservedForYou": "Reserved for you.", "ex.reservedFor": "Reserved for {name}.",
        "ex.reserveFor": "Reserve for", "ex.reserve": "Reserve", "ex.nobodyYet": "Nobody has written to you about it yet: an offer is reserved for someone in a conversation.",
        "ex.to.open": "Make available again", "ex.to.done": "Mark as done", "ex.to.withdrawn": "Withdraw the offer",
        "ex.expiredHint": "To reopen an expired offer, first choose a new expiry date (Edit).",
        "ex.queued": "Saved: it will be sent when the network is back if needed.", "ex.someone": "someone",
        "ex.currency": "Local currency: {name}",
        "bk.title": "Bookings calendar", "bk.busy": "Already booked:", "bk.free": "No dates booked yet.",
        "bk.busyOffline": "The dates already taken will show with the network.", "bk.span": "from {first} to {last}",
        "bk.first": "First day", "bk.last": "Last day", "bk.note": "A word for the person lending",
        "bk.ask": "Ask for these dates", "bk.mine": "My requests", "bk.all": "Requests received",
        "bk.lastBeforeFirst": "The last day is before the first: correct one of the two dates.",
        "bk.status.requested": "Waiting", "bk.status.confirmed": "Confirmed", "bk.status.declined": "Declined", "bk.status.cancelled": "Cancelled",
        "bk.datesTaken": "These dates went to another request.",
        "bk.confirm": "Confirm", "bk.decline": "Decline", "bk.cancel": "Cancel my request",
        "bk.refused": "Request refused by the server: {message}", "bk.seeConflicts": "See the conflicts",
    },
};
