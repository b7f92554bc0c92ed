import type { Actor } from "../audit/actor";
import { db } from "../db.server";
import { isDomainError } from "../domain/errors";
import { heldFor, type PayoutHoldCode } from "../domain/payout-holds";
import { markPayoutPaidOffline, parseOfflinePayment } from "./mark-payout-paid-offline.server";
import type { OfflinePaymentInput } from "./offline-payment-schema";

export type BulkPaidOfflineOutcome =
  | { payoutId: string; outcome: "paid"; amountMinor: number }
  | { payoutId: string; outcome: "error"; code: string; message: string; holds?: PayoutHoldCode[] };

/**
 * Marks several payouts paid with one offline payment record (bulk action on the Payouts index).
 * Each payout is paid in its own transaction, so one that cannot be paid (changed meanwhile,
 * not ready, or an unexpected database error) fails alone and no payout is ever half paid.
 * A form error fails the whole batch before anything is written.
 */
export async function markPayoutsPaidOffline(
  shopId: string,
  payoutIds: readonly string[],
  actor: Actor,
  input: OfflinePaymentInput,
): Promise<BulkPaidOfflineOutcome[]> {
  await parseOfflinePayment(db(), shopId, input);
  const outcomes: BulkPaidOfflineOutcome[] = [];
  for (const payoutId of new Set(payoutIds)) {
    try {
      const paid = await markPayoutPaidOffline(shopId, payoutId, actor, input);
      outcomes.push({ payoutId, outcome: "paid", amountMinor: paid.amountMinor });
    } catch (error) {
      // Its transaction rolled back, so nothing was recorded for this payout; the others go on.
      outcomes.push(
        isDomainError(error)
          ? { payoutId, outcome: "error", code: error.code, message: error.message, ...heldFor(error) }
          : {
              payoutId,
              outcome: "error",
              code: "unexpected_error",
              message: "This payout could not be marked paid; nothing was recorded for it. Try again.",
            },
      );
    }
  }
  return outcomes;
}
