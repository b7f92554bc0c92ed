// The same payout details on several creators: other creators of the shop whose keyed fingerprint
// (an HMAC of the IBAN, PayPal email or Stripe account id; never the details) equals this creator's.
import type { RiskSignal } from "./risk-signal";

export interface SharedPayoutDetailsInput {
  /** How many other creators of the shop share this creator's payout-details fingerprint. */
  otherCreators: number;
}

export function sharedPayoutDetailsSignal({ otherCreators }: SharedPayoutDetailsInput): RiskSignal | null {
  if (otherCreators <= 0) return null;
  return {
    code: "shared_payout_details",
    score: 80,
    sentence:
      otherCreators === 1
        ? "Another creator has the same payout details."
        : `${otherCreators} other creators have the same payout details.`,
  };
}

/** The text a fingerprint is made of: the method and the details, normalised so spellings agree. */
export function payoutDetailsCanonical(method: "iban" | "paypal" | "stripe", value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  if (method === "iban") return `iban:${trimmed.replace(/\s+/g, "").toUpperCase()}`;
  if (method === "paypal") return `paypal:${trimmed.toLowerCase()}`;
  return `stripe:${trimmed}`;
}
