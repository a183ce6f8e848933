// @ts-check
// Texts of "Your data" in the account view (account-data.js), in French (first) and English.
// i18n.js merges them; test/js/i18n.test.mjs checks both languages have the same keys.

/** @type {Record<"fr"|"en", Record<string, string>>} */
export const ACCOUNT_MESSAGES = {
    fr: {
        "myData.title": "Vos données",
        "myData.intro": "Téléchargez tout ce que Maillage garde sur vous, ou supprimez votre compte.",
        "myData.download": "Télécharger mes données",
        "myData.downloading": "Préparation de l'archive…",
        "myData.downloaded": "Archive téléchargée : {file}",
        "myData.offline": "Il faut du réseau pour cela : réessayez une fois connecté·e.",
        "myData.failed": "Échec : {message}",
        "myData.delete": "Supprimer mon compte",
        "myData.deleteIntro": "Vos données privées, messages, abonnements aux notifications, réglages et adhésions seront effacés, ainsi que ce qui est sur cet appareil. Vous quitterez vos conversations ; les autres participant·es gardent leurs propres messages.",
        "myData.contributions": "Mes contributions publiques (lieux, évènements, offres, commentaires, sujets de forum)",
        "myData.anonymise": "les garder, sans mon nom",
        "myData.erase": "les supprimer aussi",
        "myData.confirm": "J'ai compris : la suppression est définitive.",
        "myData.deleteForGood": "Supprimer définitivement",
        "myData.chooseFirst": "Choisissez ce que deviennent vos contributions publiques et cochez la confirmation.",
        "myData.deleted": "Votre compte a été supprimé.",
    },
    en: {
        "myData.title": "Your data",
        "myData.intro": "Download everything Maillage keeps about you, or delete your account.",
        "myData.download": "Download my data",
        "myData.downloading": "Preparing the archive…",
        "myData.downloaded": "Archive downloaded: {file}",
        "myData.offline": "This needs the network: try again once connected.",
        "myData.failed": "Failed: {message}",
        "myData.delete": "Delete my account",
        "myData.deleteIntro": "Your private data, messages, notification subscriptions, settings and memberships will be erased, and so will what is on this device. You will leave your conversations; the other participants keep their own messages.",
        "myData.contributions": "My public contributions (places, events, offers, comments, forum threads)",
        "myData.anonymise": "keep them, without my name",
        "myData.erase": "delete them too",
        "myData.confirm": "I understand: the deletion is final.",
        "myData.deleteForGood": "Delete for good",
        "myData.chooseFirst": "Choose what becomes of your public contributions and tick the confirmation.",
        "myData.deleted": "Your account was deleted.",
    },
};
