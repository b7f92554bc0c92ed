// Every sentence of the creator emails, in English and French (the portal's two languages). A
// sentence missing in one language is a type error: both objects satisfy one interface.

export type CreatorLocale = "en" | "fr";

/** A stored or requested language ("fr", "fr-CA", null) as one of the email languages. */
export function creatorLocale(value: string | null | undefined): CreatorLocale {
  return value?.toLowerCase().startsWith("fr") ? "fr" : "en";
}

/** Intl locale for amounts and dates. */
export const intlLocaleOf = (locale: CreatorLocale) => (locale === "fr" ? "fr-FR" : "en-US");

export interface CreatorEmailStrings {
  hi: (name: string) => string;
  openPortal: string;
  portalNotFound: string;
  payoutName: (invoiceLabel: string | null) => string;
  shopNote: string;
  amount: string;
  paidOn: string;
  method: string;
  reference: string;
  giftCardCode: string;
  invoice: string;
  reviewSubject: (shop: string, amount: string) => string;
  reviewText: (payout: string, amount: string) => string;
  reviewHow: string;
  scheduledSubject: (shop: string, amount: string) => string;
  scheduledText: (payout: string, amount: string) => string;
  paidSubject: (shop: string, amount: string) => string;
  paidText: (payout: string, amount: string) => string;
  /** Store credit: what was credited (bonus included), the bonus, and how to spend it. */
  storeCredited: string;
  storeCreditBonus: string;
  storeCreditText: (credited: string, shop: string) => string;
  storeCreditSpend: string;
  delayedSubject: (shop: string, amount: string) => string;
  delayedText: (payout: string, amount: string) => string;
  delayedHow: string;
  withdrawalApprovedSubject: (shop: string, amount: string) => string;
  withdrawalApprovedText: (amount: string, payout: string) => string;
  withdrawalApprovedReview: string;
  withdrawalApprovedScheduled: string;
  withdrawalApprovedDraft: string;
  withdrawalRejectedSubject: (shop: string, amount: string) => string;
  withdrawalRejectedText: (amount: string) => string;
  withdrawalRejectedNext: string;
  commissionRejectedSubject: (shop: string) => string;
  commissionRejectedText: (order: string, amount: string) => string;
  welcomeSubject: (shop: string) => string;
  welcomeText: (shop: string) => string;
  welcomeNext: string;
  declinedSubject: (shop: string) => string;
  declinedText: (shop: string) => string;
  disputeAnsweredSubject: (shop: string) => string;
  disputeAnsweredText: (payout: string, amount: string) => string;
  methodSubject: (shop: string) => string;
  methodText: (shop: string, summary: string) => string;
  methodConfirm: string;
  methodExpires: (at: string, zone: string) => string;
  methodHold: string;
  invitationSubject: (shop: string) => string;
  invitationText: (shop: string) => string;
  invitationAccept: (email: string) => string;
  invitationExpires: (day: string) => string;
  termsPercentage: (rate: string, holdDays: number) => string;
  termsFlat: (amount: string, holdDays: number) => string;
  termsNewCustomersOnly: string;
  termsNone: string;
}

const en: CreatorEmailStrings = {
  hi: (name) => `Hi ${name},`,
  openPortal: "Open your creator portal (log in to the store with this email address):",
  portalNotFound: "If that page is not found, open the creator page the shop linked you to from its homepage.",
  payoutName: (label) => (label ? `payout ${label}` : "payout"),
  shopNote: "The shop's note:",
  amount: "Amount",
  paidOn: "Paid on",
  method: "Method",
  reference: "Reference",
  giftCardCode: "Gift card code (use it at checkout in the store)",
  invoice: "Invoice",
  reviewSubject: (shop, amount) => `${shop}: please review your ${amount} payout`,
  reviewText: (payout, amount) => `Your ${payout} of ${amount} is waiting for your review.`,
  reviewHow: "Check its items, then accept it (with your invoice if the shop asks for one) or dispute an item with a note.",
  scheduledSubject: (shop, amount) => `${shop}: your ${amount} payout is scheduled`,
  scheduledText: (payout, amount) => `Your ${payout} of ${amount} is scheduled: the shop will pay it soon.`,
  paidSubject: (shop, amount) => `${shop}: your ${amount} payout was paid`,
  paidText: (payout, amount) => `Your ${payout} of ${amount} was paid.`,
  storeCredited: "Store credit added",
  storeCreditBonus: "Of which the store’s bonus",
  storeCreditText: (credited, shop) => `${credited} of store credit was added to your customer account at ${shop}.`,
  storeCreditSpend:
    "To spend it, log in to your customer account in the store (with this email address) and choose store credit at checkout.",
  delayedSubject: (shop, amount) => `${shop}: your ${amount} payout is delayed`,
  delayedText: (payout, amount) => `Your ${payout} of ${amount} could not be paid yet and is delayed.`,
  delayedHow: "The shop will retry it. Check that your payout method in the portal is up to date.",
  withdrawalApprovedSubject: (shop, amount) => `${shop}: your ${amount} withdrawal request was approved`,
  withdrawalApprovedText: (amount, payout) => `Your withdrawal request of ${amount} was approved as ${payout}.`,
  withdrawalApprovedReview: "Review the payout in the portal and accept it so it can be paid.",
  withdrawalApprovedScheduled: "The payout is scheduled: the shop will pay it soon.",
  withdrawalApprovedDraft: "The shop is preparing the payout; you will hear from us when it is scheduled.",
  withdrawalRejectedSubject: (shop, amount) => `${shop}: your ${amount} withdrawal request was not approved`,
  withdrawalRejectedText: (amount) => `Your withdrawal request of ${amount} was not approved.`,
  withdrawalRejectedNext: "Your balance is unchanged; you can send a new request from the portal.",
  commissionRejectedSubject: (shop) => `${shop}: a commission was not approved`,
  commissionRejectedText: (order, amount) => `Your commission of ${amount} on order ${order} was not approved after review.`,
  welcomeSubject: (shop) => `${shop}: welcome to the creator program`,
  welcomeText: (shop) => `${shop} approved your application to its creator program.`,
  welcomeNext: "Your referral link and code are in the portal, where you can also set up how you get paid.",
  declinedSubject: (shop) => `${shop}: your creator program application`,
  declinedText: (shop) => `Thank you for applying to ${shop}'s creator program. The shop decided not to go ahead with your application.`,
  disputeAnsweredSubject: (shop) => `${shop} answered your question about a payout`,
  disputeAnsweredText: (payout, amount) =>
    `The shop answered your note on an item of your ${payout} of ${amount}. Read the answer in the portal.`,
  methodSubject: (shop) => `${shop}: confirm your new payout method`,
  methodText: (shop, summary) => `You asked to be paid by ${shop} with a new payout method: ${summary}.`,
  methodConfirm: "Confirm the change by opening this link (it works once):",
  methodExpires: (at, zone) => `The link expires at ${at} (${zone} time). Until you confirm, nothing changes.`,
  methodHold:
    "Once confirmed, new payouts wait 24 hours, in case the change was not yours. If you did not ask for this, ignore this email and tell the shop.",
  invitationSubject: (shop) => `${shop} invites you to its creator program`,
  invitationText: (shop) => `${shop} invites you to join its creator program: track your commissions and fees and get paid.`,
  invitationAccept: (email) => `Accept the invitation (log in to the store with ${email}):`,
  invitationExpires: (day) => `The link works once and expires on ${day}.`,
  termsPercentage: (rate, days) => `Your commission: ${rate} of the eligible order amount, paid after a ${days}-day hold.`,
  termsFlat: (amount, days) => `Your commission: ${amount} per order, paid after a ${days}-day hold.`,
  termsNewCustomersOnly: "Orders from new customers only.",
  termsNone: "The shop will set your commission terms; you will see them in the portal.",
};

const fr: CreatorEmailStrings = {
  hi: (name) => `Bonjour ${name},`,
  openPortal: "Ouvrez votre espace créateur (connectez-vous à la boutique avec cette adresse e-mail) :",
  portalNotFound: "Si cette page est introuvable, ouvrez la page créateur indiquée par la boutique sur sa page d'accueil.",
  payoutName: (label) => (label ? `paiement ${label}` : "paiement"),
  shopNote: "Note de la boutique :",
  amount: "Montant",
  paidOn: "Payé le",
  method: "Moyen de paiement",
  reference: "Référence",
  giftCardCode: "Code de la carte-cadeau (à saisir au paiement dans la boutique)",
  invoice: "Facture",
  reviewSubject: (shop, amount) => `${shop} : merci de vérifier votre paiement de ${amount}`,
  reviewText: (payout, amount) => `Votre ${payout} de ${amount} attend votre vérification.`,
  reviewHow:
    "Vérifiez ses éléments, puis acceptez-le (avec votre facture si la boutique en demande une) ou contestez un élément avec une note.",
  scheduledSubject: (shop, amount) => `${shop} : votre paiement de ${amount} est programmé`,
  scheduledText: (payout, amount) => `Votre ${payout} de ${amount} est programmé : la boutique va le payer prochainement.`,
  paidSubject: (shop, amount) => `${shop} : votre paiement de ${amount} a été effectué`,
  paidText: (payout, amount) => `Votre ${payout} de ${amount} a été effectué.`,
  storeCredited: "Crédit en boutique ajouté",
  storeCreditBonus: "Dont le bonus de la boutique",
  storeCreditText: (credited, shop) => `${credited} de crédit en boutique ont été ajoutés à votre compte client chez ${shop}.`,
  storeCreditSpend:
    "Pour l’utiliser, connectez-vous à votre compte client dans la boutique (avec cette adresse e-mail) et choisissez le crédit en boutique au paiement.",
  delayedSubject: (shop, amount) => `${shop} : votre paiement de ${amount} est retardé`,
  delayedText: (payout, amount) => `Votre ${payout} de ${amount} n'a pas encore pu être effectué et est retardé.`,
  delayedHow: "La boutique va réessayer. Vérifiez que votre moyen de paiement est à jour dans votre espace.",
  withdrawalApprovedSubject: (shop, amount) => `${shop} : votre demande de retrait de ${amount} a été acceptée`,
  withdrawalApprovedText: (amount, payout) => `Votre demande de retrait de ${amount} a été acceptée : ${payout}.`,
  withdrawalApprovedReview: "Vérifiez le paiement dans votre espace et acceptez-le pour qu'il puisse être effectué.",
  withdrawalApprovedScheduled: "Le paiement est programmé : la boutique va le payer prochainement.",
  withdrawalApprovedDraft: "La boutique prépare le paiement ; vous serez prévenu dès qu'il sera programmé.",
  withdrawalRejectedSubject: (shop, amount) => `${shop} : votre demande de retrait de ${amount} n'a pas été acceptée`,
  withdrawalRejectedText: (amount) => `Votre demande de retrait de ${amount} n'a pas été acceptée.`,
  withdrawalRejectedNext: "Votre solde est inchangé ; vous pouvez envoyer une nouvelle demande depuis votre espace.",
  commissionRejectedSubject: (shop) => `${shop} : une commission n'a pas été acceptée`,
  commissionRejectedText: (order, amount) =>
    `Votre commission de ${amount} sur la commande ${order} n'a pas été acceptée après vérification.`,
  welcomeSubject: (shop) => `${shop} : bienvenue dans le programme créateurs`,
  welcomeText: (shop) => `${shop} a accepté votre candidature à son programme créateurs.`,
  welcomeNext: "Votre lien et votre code de parrainage sont dans votre espace, où vous pouvez aussi choisir comment être payé.",
  declinedSubject: (shop) => `${shop} : votre candidature au programme créateurs`,
  declinedText: (shop) =>
    `Merci d'avoir postulé au programme créateurs de ${shop}. La boutique a décidé de ne pas donner suite à votre candidature.`,
  disputeAnsweredSubject: (shop) => `${shop} a répondu à votre question sur un paiement`,
  disputeAnsweredText: (payout, amount) =>
    `La boutique a répondu à votre note sur un élément de votre ${payout} de ${amount}. Lisez la réponse dans votre espace.`,
  methodSubject: (shop) => `${shop} : confirmez votre nouveau moyen de paiement`,
  methodText: (shop, summary) => `Vous avez demandé à être payé par ${shop} avec un nouveau moyen de paiement : ${summary}.`,
  methodConfirm: "Confirmez le changement en ouvrant ce lien (il ne fonctionne qu'une fois) :",
  methodExpires: (at, zone) => `Le lien expire le ${at} (heure ${zone}). Tant que vous n'avez pas confirmé, rien ne change.`,
  methodHold:
    "Une fois confirmé, les nouveaux paiements attendent 24 heures, au cas où le changement ne viendrait pas de vous. Si vous n'avez rien demandé, ignorez cet e-mail et prévenez la boutique.",
  invitationSubject: (shop) => `${shop} vous invite à son programme créateurs`,
  invitationText: (shop) =>
    `${shop} vous invite à rejoindre son programme créateurs : suivez vos commissions et vos rémunérations, et soyez payé.`,
  invitationAccept: (email) => `Acceptez l'invitation (connectez-vous à la boutique avec ${email}) :`,
  invitationExpires: (day) => `Le lien ne fonctionne qu'une fois et expire le ${day}.`,
  termsPercentage: (rate, days) =>
    `Votre commission : ${rate} du montant éligible de la commande, payée après une période de rétention de ${days} jours.`,
  termsFlat: (amount, days) => `Votre commission : ${amount} par commande, payée après une période de rétention de ${days} jours.`,
  termsNewCustomersOnly: "Commandes de nouveaux clients uniquement.",
  termsNone: "La boutique fixera vos conditions de commission ; vous les verrez dans votre espace.",
};

export function creatorEmailStrings(locale: CreatorLocale): CreatorEmailStrings {
  return locale === "fr" ? fr : en;
}
