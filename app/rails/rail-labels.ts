// A rail's name as merchants read it (pure: shared by server code and admin pages).
// Keyed by name, not PayoutChannel: "paypal" is labelled before the PayPal rail adds it to the enum.
const LABELS: Record<string, string> = {
  paypal: "PayPal Payouts",
  stripe: "Stripe",
  store_credit: "Store credit",
  gift_card: "Gift card",
  offline: "Offline (PayPal, bank transfer)",
};

export const railLabel = (name: string) => LABELS[name] ?? name.charAt(0).toUpperCase() + name.slice(1).replace(/_/g, " ");
