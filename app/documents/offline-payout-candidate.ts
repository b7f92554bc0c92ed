// What the PayPal and SEPA files need to know about a payout, and the reasons one is left out
// that both files share. Pure: the candidates are read by read-offline-payout-candidates.server.ts.
import type { PayoutMethod } from "@prisma/client";
import type { PayoutDetails } from "../creators/payout-details.server";
import type { PayoutStatus } from "../domain/status/payout-status";
import { spokenPayoutStatus } from "../payouts/payout-labels";

export interface OfflinePayoutCandidate {
  payoutId: string;
  invoiceLabel: string | null;
  status: PayoutStatus;
  currency: string;
  /** The sum of the payout's active items. */
  amountMinor: number;
  creator: {
    id: string;
    name: string;
    email: string;
    payoutMethod: PayoutMethod | null;
    payoutsHeldUntil: Date | null;
  };
  /** The creator's offline payout details; "unreadable" when they would not open. */
  details: PayoutDetails | null | "unreadable";
}

export interface SkippedPayout {
  payoutId: string;
  invoiceLabel: string | null;
  creatorName: string | null;
  reason: string;
}

export function skipped(candidate: OfflinePayoutCandidate, reason: string): SkippedPayout {
  return { payoutId: candidate.payoutId, invoiceLabel: candidate.invoiceLabel, creatorName: candidate.creator.name, reason };
}

/**
 * Why nothing went into a bank file, in words for the merchant: "None of these payouts can be
 * paid by SEPA transfer. CP-00004 (Ben Okafor): The creator is paid with Stripe. …"
 */
export function nothingToPayMessage(what: string, skips: SkippedPayout[], shown = 3): string {
  const head = `None of these payouts can be paid by ${what}.`;
  if (skips.length === 0) return `${head} Select ready payouts of creators paid offline.`;
  const lines = skips.slice(0, shown).map((skip) => {
    const name = skip.invoiceLabel ? `${skip.invoiceLabel}${skip.creatorName ? ` (${skip.creatorName})` : ""}` : "A payout";
    return `${name}: ${skip.reason}`;
  });
  const more = skips.length > shown ? ` And ${skips.length - shown} more.` : "";
  return `${head} ${lines.join(" ")}${more}`;
}

export function notFound(payoutId: string): SkippedPayout {
  return { payoutId, invoiceLabel: null, creatorName: null, reason: "No such payout in this shop." };
}

const METHOD_WORDS: Record<PayoutDetails["method"], string> = {
  paypal: "PayPal",
  bank_transfer: "bank transfer",
  other: "another method",
};

export function methodWords(method: PayoutDetails["method"]): string {
  return METHOD_WORDS[method];
}

/**
 * The creator's payout details when the payout can go into an offline payment file, else why not:
 * it must be ready and pay something, and its creator must be paid offline, with details on file
 * and no hold after a change of payout method (DOMAIN.md §7: a change holds new payouts for 24 hours).
 */
export function offlineDetailsOrSkip(candidate: OfflinePayoutCandidate, now: Date): { details: PayoutDetails } | { reason: string } {
  if (candidate.status !== "ready") return { reason: `Not ready to pay: it is ${spokenPayoutStatus(candidate.status)}.` };
  if (candidate.amountMinor <= 0) return { reason: "It pays nothing." };
  if (candidate.creator.payoutMethod === "stripe") return { reason: "The creator is paid with Stripe." };
  const heldUntil = candidate.creator.payoutsHeldUntil;
  if (heldUntil && heldUntil.getTime() > now.getTime()) {
    return { reason: `The creator changed payout method recently: payouts are held until ${heldUntil.toISOString()}.` };
  }
  if (candidate.details === null) return { reason: "The creator has no payout details on file." };
  if (candidate.details === "unreadable") return { reason: "The creator's payout details could not be read." };
  return { details: candidate.details };
}
