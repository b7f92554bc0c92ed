// What a PayPal payout item's state means for the payout it pays. Pure.
//  - SUCCESS settles (paid).
//  - FAILED, RETURNED, BLOCKED fail the payout with the reason; the money stays reserved until
//    the merchant retries or cancels (as with Stripe).
//  - UNCLAIMED waits for the creator (PayPal keeps it claimable for 30 days). After 30 days the
//    item is canceled at PayPal first (POST payouts-item/{id}/cancel → RETURNED) and only then
//    failed: failing while PayPal could still let the creator claim it would let a retry pay twice.
//  - PENDING, ONHOLD (and no state yet) wait.
//  - REFUNDED, REVERSED after success: the money came back to the merchant (a reversal).
import type { PayPalPayoutItem, PayPalTransactionStatus } from "./paypal-wire";
import { payPalItemSentence } from "./paypal-error-sentence";

export const UNCLAIMED_LIFETIME_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export type PayPalItemOutcome =
  | { kind: "paid" }
  | { kind: "waiting"; reason: string }
  | { kind: "cancel_unclaimed"; reason: string }
  | { kind: "failed"; reason: string }
  | { kind: "reversed"; reason: string };

export interface PayPalItemState {
  status: PayPalTransactionStatus | undefined;
  errorName?: string;
  errorMessage?: string;
  /** When PayPal first processed the item (time_processed), or when the batch was sent. */
  since: Date;
}

export function payPalItemOutcome(item: PayPalItemState, now: Date): PayPalItemOutcome {
  const reason = payPalItemSentence(item.status, item.errorName, item.errorMessage);
  switch (item.status) {
    case "SUCCESS":
      return { kind: "paid" };
    case "FAILED":
    case "RETURNED":
    case "BLOCKED":
      return { kind: "failed", reason };
    case "REFUNDED":
    case "REVERSED":
      return { kind: "reversed", reason };
    case "UNCLAIMED":
      return now.getTime() - item.since.getTime() >= UNCLAIMED_LIFETIME_DAYS * DAY_MS
        ? { kind: "cancel_unclaimed", reason: `Unclaimed after ${UNCLAIMED_LIFETIME_DAYS} days: ${reason}` }
        : { kind: "waiting", reason };
    case "PENDING":
    case "ONHOLD":
    case undefined:
      return { kind: "waiting", reason };
  }
}

/** An item as PayPal returns it (batch page, item GET, webhook resource) → the state to map. */
export function itemStateOf(
  item: Pick<PayPalPayoutItem, "transaction_status" | "errors" | "time_processed">,
  batchSentAt: Date,
): PayPalItemState {
  const processed = item.time_processed ? new Date(item.time_processed) : null;
  return {
    status: item.transaction_status,
    errorName: item.errors?.name,
    errorMessage: item.errors?.message,
    since: processed && !Number.isNaN(processed.getTime()) ? processed : batchSentAt,
  };
}
