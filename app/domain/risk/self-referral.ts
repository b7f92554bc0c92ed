// Self-referral: the buyer is the creator, by Shopify customer id, by normalised email, or by the
// shipping address (first line and postal code) matching the creator's postal address.
import { normaliseEmail } from "./normalise-email";
import type { RiskSignal } from "./risk-signal";

export interface SelfReferralInput {
  creator: { shopifyCustomerId: string | null; email: string; postalAddress: string | null };
  order: {
    customerId: string | null;
    emails: readonly (string | null)[];
    shippingAddress: { address1: string | null; zip: string | null } | null;
  };
}

const compact = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

export function selfReferralSignal({ creator, order }: SelfReferralInput): RiskSignal | null {
  if (creator.shopifyCustomerId && order.customerId && creator.shopifyCustomerId === order.customerId) {
    return { code: "self_referral", score: 95, sentence: "The buyer is the creator's own customer account." };
  }
  const creatorEmail = normaliseEmail(creator.email);
  if (creatorEmail && order.emails.some((email) => normaliseEmail(email) === creatorEmail)) {
    return { code: "self_referral", score: 90, sentence: "The buyer's email is a variant of the creator's email." };
  }
  const address1 = compact(order.shippingAddress?.address1 ?? "");
  const zip = compact(order.shippingAddress?.zip ?? "");
  const home = compact(creator.postalAddress ?? "");
  if (address1.length >= 4 && zip.length >= 3 && home.includes(address1) && home.includes(zip)) {
    return { code: "self_referral", score: 70, sentence: "The order ships to the creator's postal address." };
  }
  return null;
}
