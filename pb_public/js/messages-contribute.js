// @ts-check
// Texts of the contribution views (forms, cartoparty, outbox, conflicts, account) that
// messages.js does not already hold, in French (first) and English. i18n.js merges them;
// test/js/i18n.test.mjs checks that both languages have the same keys and placeholders.

/** @type {Record<"fr"|"en", Record<string, string>>} */
export const CONTRIBUTE_MESSAGES = {
    fr: {
        "contribute.unknown": "On ne peut pas contribuer à cette rubrique. Choisissez dans le menu Contribuer.",
        "form.photos": "Photos", "form.visibility": "Qui peut voir", "form.tooLong": "Ce texte est trop long : raccourcissez-le.",
        "form.notNumber": "Écrivez un nombre, par exemple 12 ou 4.50.",
        "form.endBeforeStart": "La fin est avant le début : corrigez l'une des deux dates.",
        "form.sent": "Envoyé au serveur.", "form.seeIt": "Voir la fiche", "form.another": "Contribuer encore",
        "form.moreCategories": "Catégories plus précises", "form.noCategories": "Les catégories apparaîtront après la première synchronisation.",
        "visibility.public": "Tout le monde", "visibility.community": "Les membres connectés", "visibility.private": "Moi seul·e",
        "kind.offer": "Offre", "kind.need": "Demande",
        "outbox.fix": "Corriger", "outbox.whenOnline": "Partira au retour du réseau.",
        "outbox.openConflicts": "Conflits à regarder : {count}",
        "account.unsentCount": "Contributions pas encore envoyées : {count}. Reconnectez-vous au réseau et attendez l'envoi avant de vous déconnecter : la déconnexion efface les données de l'appareil, elles seraient perdues.",
        "form.mapLabel": "Carte : touchez ou déplacez l'épingle pour placer le lieu",
        "carto.gpsOff": "GPS pas encore activé : activez-le, ou placez l'épingle à la main.", "carto.gpsStart": "Activer le GPS",
        "conflicts.intro": "Quelqu'un a modifié la même chose en même temps que vous. Rien n'est perdu : choisissez la valeur à garder.",
        "conflicts.kind.field": "Valeur modifiée par quelqu'un d'autre",
        "conflicts.kind.updateOnDeleted": "Fiche supprimée avant votre modification",
        "conflicts.kind.deleteOnModified": "Fiche modifiée avant votre suppression",
        "conflicts.kind.rejected": "Contribution refusée",
        "account.expired": "Votre session a expiré : reconnectez-vous pour envoyer vos contributions (elles restent sur l'appareil).",
        "account.signedOut": "Vous êtes déconnecté·e.",
    },
    en: {
        "contribute.unknown": "You cannot contribute to this section. Choose from the Contribute menu.",
        "form.photos": "Photos", "form.visibility": "Who can see it", "form.tooLong": "This text is too long: shorten it.",
        "form.notNumber": "Write a number, for example 12 or 4.50.",
        "form.endBeforeStart": "The end is before the start: correct one of the two dates.",
        "form.sent": "Sent to the server.", "form.seeIt": "See the record", "form.another": "Contribute again",
        "form.moreCategories": "More precise categories", "form.noCategories": "Categories will appear after the first sync.",
        "visibility.public": "Everyone", "visibility.community": "Signed-in members", "visibility.private": "Only me",
        "kind.offer": "Offer", "kind.need": "Need",
        "outbox.fix": "Fix", "outbox.whenOnline": "Will be sent when the network is back.",
        "outbox.openConflicts": "Conflicts to look at: {count}",
        "account.unsentCount": "Contributions not sent yet: {count}. Reconnect to the network and wait until they are sent before signing out: signing out erases this device's data, so they would be lost.",
        "form.mapLabel": "Map: tap or drag the pin to place the spot",
        "carto.gpsOff": "GPS not on yet: turn it on, or place the pin by hand.", "carto.gpsStart": "Turn on the GPS",
        "conflicts.intro": "Someone changed the same thing at the same time as you. Nothing is lost: choose the value to keep.",
        "conflicts.kind.field": "Value changed by someone else",
        "conflicts.kind.updateOnDeleted": "Record deleted before your change",
        "conflicts.kind.deleteOnModified": "Record changed before your deletion",
        "conflicts.kind.rejected": "Contribution rejected",
        "account.expired": "Your session has expired: sign in again to send your contributions (they stay on this device).",
        "account.signedOut": "You are signed out.",
    },
};
