import type { getPayoutOrThrow } from "~/payouts/read-payout.server";
import type { readPayoutStripeState } from "~/stripe/read-payout-stripe-state.server";

/** The payout as the payout page's loader returns it. */
export type PayoutView = Awaited<ReturnType<typeof getPayoutOrThrow>>;
export type PayoutStripeView = Awaited<ReturnType<typeof readPayoutStripeState>>;
