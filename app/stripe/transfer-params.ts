// What one Stripe transfer for one payout attempt is: its idempotency key and its exact
// parameters, computed once and stored with the attempt before the call (DOMAIN.md §4), so a
// replay after a crash sends byte-for-byte the same request.
import { stripeAmountFromMinor } from "../domain/currency";

/** Stripe keeps an idempotency key for 24 hours; past that a replay could pay twice. */
export const STRIPE_IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

export function transferIdempotencyKey(payoutId: string, attempt: number): string {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be a positive integer, got ${attempt}`);
  return `payout_${payoutId}_a${attempt}`;
}

export interface TransferParams {
  amount: number;
  currency: string;
  destination: string;
  /** The payout id: the transfer can be found by it when the answer was lost. */
  transfer_group: string;
  metadata: { payout_id: string; shop_id: string; attempt: string };
  description: string;
}

export function transferParams(input: {
  shopId: string;
  payoutId: string;
  attempt: number;
  amountMinor: number;
  currency: string;
  destination: string;
  invoiceLabel?: string | null;
}): TransferParams {
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) {
    throw new RangeError(`a transfer amount must be a positive integer of minor units, got ${input.amountMinor}`);
  }
  return {
    // Stripe's unit is not always ISO's (ISK, MGA, UGX…): converted exactly or refused.
    amount: stripeAmountFromMinor(input.currency, input.amountMinor),
    currency: input.currency.toLowerCase(),
    destination: input.destination,
    transfer_group: input.payoutId,
    metadata: { payout_id: input.payoutId, shop_id: input.shopId, attempt: String(input.attempt) },
    description: input.invoiceLabel ? `Creator payout ${input.invoiceLabel}` : `Creator payout ${input.payoutId}`,
  };
}

/** Whether a transfer Stripe lists under a payout's transfer group was made by this attempt. */
export function isTransferOfAttempt(
  transfer: { transfer_group?: string | null; metadata?: Record<string, string> | null },
  attempt: { payoutId: string; attempt: number },
): boolean {
  return transfer.transfer_group === attempt.payoutId && transfer.metadata?.attempt === String(attempt.attempt);
}
