// @ts-check
// Texts of the messages view (js/views/messages.js) and its navigation entry, in French
// (first) and English. i18n.js merges them; test/js/i18n.test.mjs checks that both languages
// have the same keys and placeholders.

/** @type {Record<"fr"|"en", Record<string, string>>} */
export const CONVERSATIONS_MESSAGES = {
    fr: {
        "nav.messages": "Messages",
        "conv.signIn": "Connectez-vous pour écrire à vos voisins et lire leurs messages.",
        "conv.none": "Pas encore de conversation. Sur une offre, « Ça m'intéresse » en ouvre une avec son auteur.",
        "conv.unread": "{count} non lus", "conv.badge": "{count} messages non lus",
        "conv.someone": "Une personne", "conv.alone": "Personne d'autre", "conv.me": "Moi",
        "conv.with": "Avec : {names}", "conv.aboutOffer": "Voir l'offre dont il est question",
        "conv.notFound": "Cette conversation n'est pas sur cet appareil : vous l'avez quittée, ou elle arrivera à la prochaine synchronisation.",
        "conv.back": "Toutes les conversations",
        "conv.pending": "pas encore envoyé", "conv.write": "Votre message", "conv.send": "Envoyer",
        "conv.sent": "Message envoyé.", "conv.queued": "Message gardé sur l'appareil : il partira au retour du réseau.",
        "conv.leave": "Quitter la conversation",
        "conv.leaveConfirm": "Quitter cette conversation ? Vous ne la lirez plus ; les autres la gardent.",
        "conv.block": "Bloquer {name}", "conv.unblock": "Débloquer {name}",
        "conv.blockConfirm": "Bloquer {name} ? Cette personne ne pourra plus vous écrire.",
    },
    en: {
        "nav.messages": "Messages",
        "conv.signIn": "Sign in to write to your neighbours and read their messages.",
        "conv.none": "No conversation yet. On an offer, \"I'm interested\" opens one with its author.",
        "conv.unread": "{count} unread", "conv.badge": "{count} unread messages",
        "conv.someone": "Someone", "conv.alone": "Nobody else", "conv.me": "Me",
        "conv.with": "With: {names}", "conv.aboutOffer": "See the offer this is about",
        "conv.notFound": "This conversation is not on this device: you left it, or it will arrive with the next sync.",
        "conv.back": "All conversations",
        "conv.pending": "not sent yet", "conv.write": "Your message", "conv.send": "Send",
        "conv.sent": "Message sent.", "conv.queued": "Message kept on the device: it will go when the network is back.",
        "conv.leave": "Leave the conversation",
        "conv.leaveConfirm": "Leave this conversation? You will no longer read it; the others keep it.",
        "conv.block": "Block {name}", "conv.unblock": "Unblock {name}",
        "conv.blockConfirm": "Block {name}? They will no longer be able to write to you.",
    },
};
