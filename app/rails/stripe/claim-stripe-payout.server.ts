// "Pay with Stripe" on one payout: the Stripe rail's claim (app/rails/claim-rail-payout.server.ts),
// after checking, outside the transaction, that the shop's Stripe balance holds the currency.
import type { Actor } from "../../audit/actor";
import { findPayoutForChange } from "../../payouts/change-payout-status.server";
import { runPayoutTransaction } from "../../payouts/run-payout-transaction.server";
import { currencyNotInBalance } from "../../stripe/stripe-balance.server";
import { claimRailPayout } from "../claim-rail-payout.server";
import { assertStripeRailEnabled } from "./assert-stripe-rail-enabled.server";
import { stripeRail } from "./stripe-rail.server";

export interface ClaimedStripePayout {
  status: "processing";
  payoutId: string;
  attempt: number;
  idempotencyKey: string;
}

/**
 * Claims a ready (or failed, for a retry) payout for a Stripe transfer. Checks first, outside the
 * transaction, that the shop's Stripe balance holds the payout's currency (`heldCurrencies`: the
 * balance a bulk claim read once for all its payouts).
 */
export async function claimStripePayout(
  shopId: string,
  payoutId: string,
  actor: Actor,
  options: { heldCurrencies?: string[] } = {},
): Promise<ClaimedStripePayout> {
  // A bulk claim (heldCurrencies) checked the rail once for all its payouts.
  if (!options.heldCurrencies) await assertStripeRailEnabled(shopId);
  const peek = await runPayoutTransaction((tx) => findPayoutForChange(tx, shopId, payoutId));
  if (options.heldCurrencies) {
    if (!options.heldCurrencies.includes(peek.currency)) throw currencyNotInBalance(peek.currency, options.heldCurrencies);
  } else {
    await stripeRail.preflight!(shopId, peek);
  }
  const { status, attempt, idempotencyKey } = await claimRailPayout(stripeRail, shopId, payoutId, actor, { preflight: undefined });
  return { status, payoutId, attempt, idempotencyKey };
}
