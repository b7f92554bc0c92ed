// The keyed fingerprint of a creator's payout details (IBAN, PayPal email or Stripe account id),
// stored on the creator so the shared-payout-details rule can find equal details across creators
// without clear text: an HMAC under a key derived from ENCRYPTION_KEYS (secret-box keyedFingerprint).
import { payoutDetailsCanonical } from "../domain/risk/shared-payout-details";
import { keyedFingerprint } from "../lib/secret-box.server";
import type { PayoutDetails } from "../creators/payout-details.server";

const PURPOSE = "payout-details-fingerprint";

/** The fingerprint of offline details; null for free-text instructions (nothing comparable). */
export function offlineDetailsFingerprint(details: PayoutDetails): string | null {
  const canonical =
    details.method === "paypal"
      ? payoutDetailsCanonical("paypal", details.paypalEmail)
      : details.method === "bank_transfer"
        ? payoutDetailsCanonical("iban", details.iban)
        : null;
  return canonical ? keyedFingerprint(PURPOSE, canonical) : null;
}

export function stripeAccountFingerprint(stripeAccountId: string): string | null {
  const canonical = payoutDetailsCanonical("stripe", stripeAccountId);
  return canonical ? keyedFingerprint(PURPOSE, canonical) : null;
}
