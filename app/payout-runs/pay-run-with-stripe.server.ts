// "Pay all due" pays with Stripe what can be paid with Stripe: once its run completes, the run's
// ready payouts to creators who get paid through Stripe go the way bulk "Pay with Stripe" sends
// them (claimStripePayouts: one claim each, the transfers run as jobs). Offline payouts stay
// ready for the PayPal and SEPA exports and bulk "Mark paid offline".
import { Prisma } from "@prisma/client";
import type { Actor } from "../audit/actor";
import { db } from "../db.server";
import { claimStripePayouts } from "../rails/stripe/claim-stripe-payouts.server";

export interface RunStripeResult {
  sent: number;
  /** Why a payout was not sent, one sentence each (or why none was, e.g. Stripe unreachable). */
  errors: string[];
}

export async function payRunWithStripe(run: { id: string; shopId: string }, actor: Actor): Promise<RunStripeResult> {
  const payouts = await db().payout.findMany({
    where: { shopId: run.shopId, runId: run.id, status: "ready", creator: { payoutMethod: "stripe", stripeAccountId: { not: null } } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  if (payouts.length === 0) return { sent: 0, errors: [] };
  let result: RunStripeResult;
  try {
    const outcomes = await claimStripePayouts(
      run.shopId,
      payouts.map((payout) => payout.id),
      actor,
    );
    result = {
      sent: outcomes.filter((outcome) => outcome.outcome === "paid").length,
      errors: outcomes.flatMap((outcome) => (outcome.outcome === "error" ? [outcome.message] : [])),
    };
  } catch (error) {
    // The payouts stay ready: "Pay with Stripe" on the Payouts list sends them once Stripe answers.
    result = { sent: 0, errors: [error instanceof Error ? error.message : String(error)] };
  }
  await db().$executeRaw(Prisma.sql`
    UPDATE "PayoutRun" SET "summary" = jsonb_set("summary", '{stripe}', ${JSON.stringify(result)}::jsonb)
    WHERE "id" = ${run.id} AND "shopId" = ${run.shopId}`);
  return result;
}
