import type { Actor } from "../../audit/actor";
import { isDomainError } from "../../domain/errors";
import { heldFor, type PayoutHoldCode } from "../../domain/payout-holds";
import { assertStripeRailEnabled } from "./assert-stripe-rail-enabled.server";
import { claimStripePayout } from "./claim-stripe-payout.server";
import { readStripeBalance } from "../../stripe/stripe-balance.server";

export type BulkStripeOutcome =
  | { payoutId: string; outcome: "paid"; attempt: number }
  | { payoutId: string; outcome: "error"; code: string; message: string; holds?: PayoutHoldCode[] };

/**
 * Bulk "Pay with Stripe" on the Payouts list: each payout is claimed in its own transaction (one
 * that cannot be paid — not ready, payout details missing, a currency Stripe does not hold —
 * fails alone, with its reason); the transfers themselves run as jobs.
 */
export async function claimStripePayouts(shopId: string, payoutIds: readonly string[], actor: Actor): Promise<BulkStripeOutcome[]> {
  await assertStripeRailEnabled(shopId);
  // One balance read for the whole batch (a Stripe failure here refuses the batch, nothing claimed).
  const heldCurrencies = (await readStripeBalance(shopId)).map((line) => line.currency);
  const outcomes: BulkStripeOutcome[] = [];
  for (const payoutId of new Set(payoutIds)) {
    try {
      const claimed = await claimStripePayout(shopId, payoutId, actor, { heldCurrencies });
      outcomes.push({ payoutId, outcome: "paid", attempt: claimed.attempt });
    } catch (error) {
      outcomes.push(
        isDomainError(error)
          ? { payoutId, outcome: "error", code: error.code, message: error.message, ...heldFor(error) }
          : {
              payoutId,
              outcome: "error",
              code: "unexpected_error",
              message: "This payout could not be sent to Stripe; nothing was recorded for it. Try again.",
            },
      );
    }
  }
  return outcomes;
}
