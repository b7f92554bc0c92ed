// "Pay all due" pays each creator on their own rail (issue 15): once its run completes, each ready
// payout goes to the creator's preferred rail while the shop enables it, else as before rails
// (Stripe for creators paid through Stripe, offline otherwise). Stripe payouts go the way bulk
// "Pay with Stripe" sends them (one balance read, one claim each); other rails are claimed one by
// one through the shared claim, and a rail that pays in batches (PayPal) as one batch per run
// (claim-rail-batch.server.ts). Offline payouts stay ready for the PayPal and SEPA exports and
// bulk "Mark paid offline". The run's summary keeps how many went on each rail.
import { Prisma, type PayoutChannel } from "@prisma/client";
import type { Actor } from "../audit/actor";
import { db } from "../db.server";
import { isDomainError } from "../domain/errors";
import { claimRailBatch } from "../rails/claim-rail-batch.server";
import { claimRailPayout } from "../rails/claim-rail-payout.server";
import { defaultRailOf } from "../rails/rail-choices.server";
import { railNamed } from "../rails/rails.server";
import { claimStoreCreditPayout } from "../rails/store-credit/claim-store-credit-payout.server";
import { claimStripePayouts } from "../rails/stripe/claim-stripe-payouts.server";

export interface RailRunResult {
  /** Payouts claimed on the rail (being paid), or, offline, left ready to pay by hand. */
  sent: number;
  /** Why a payout was not sent, one sentence each (or why none was, e.g. Stripe unreachable). */
  errors: string[];
}

export type RunRailsResult = Partial<Record<PayoutChannel, RailRunResult>>;

const messageOf = (error: unknown) =>
  isDomainError(error) ? error.message : "This payout could not be sent; nothing was recorded for it. Try again.";

async function claimEach(payoutIds: string[], claim: (payoutId: string) => Promise<unknown>): Promise<RailRunResult> {
  const result: RailRunResult = { sent: 0, errors: [] };
  for (const payoutId of payoutIds) {
    try {
      await claim(payoutId);
      result.sent += 1;
    } catch (error) {
      // A bug is not a refusal: the job fails loudly and retries rather than hiding it.
      if (!isDomainError(error)) throw error;
      result.errors.push(messageOf(error));
    }
  }
  return result;
}

async function payOnStripe(shopId: string, payoutIds: string[], actor: Actor): Promise<RailRunResult> {
  try {
    const outcomes = await claimStripePayouts(shopId, payoutIds, actor);
    return {
      sent: outcomes.filter((outcome) => outcome.outcome === "paid").length,
      errors: outcomes.flatMap((outcome) => (outcome.outcome === "error" ? [outcome.message] : [])),
    };
  } catch (error) {
    // The payouts stay ready: "Pay with Stripe" on the Payouts list sends them once Stripe answers.
    return { sent: 0, errors: [error instanceof Error ? error.message : String(error)] };
  }
}

export async function payRunOnRails(run: { id: string; shopId: string }, actor: Actor): Promise<RunRailsResult> {
  const shop = await db().shop.findUniqueOrThrow({ where: { id: run.shopId }, select: { enabledRails: true } });
  const payouts = await db().payout.findMany({
    where: { shopId: run.shopId, runId: run.id, status: "ready" },
    select: { id: true, creator: { select: { preferredRail: true, payoutMethod: true, stripeAccountId: true } } },
    orderBy: { id: "asc" },
  });
  const byRail = new Map<PayoutChannel, string[]>();
  for (const payout of payouts) {
    const rail = defaultRailOf(shop, payout.creator);
    byRail.set(rail, [...(byRail.get(rail) ?? []), payout.id]);
  }
  const result: RunRailsResult = {};
  for (const [rail, payoutIds] of byRail) {
    if (rail === "offline") result.offline = { sent: payoutIds.length, errors: [] };
    else if (rail === "stripe") result.stripe = await payOnStripe(run.shopId, payoutIds, actor);
    else if (rail === "store_credit")
      result.store_credit = await claimEach(payoutIds, (id) => claimStoreCreditPayout(run.shopId, id, actor));
    else {
      const shared = railNamed(rail);
      // A rail that pays in batches (PayPal) gets one call per batch: all its payouts claimed in
      // one transaction, one batch per run split at the rail's item limit.
      if (shared.batch) {
        const claimed = await claimRailBatch({ ...shared, batch: shared.batch }, run.shopId, run.id, payoutIds, actor);
        result[rail] = { sent: claimed.claimed, errors: claimed.errors };
      } else result[rail] = await claimEach(payoutIds, (id) => claimRailPayout(shared, run.shopId, id, actor));
    }
  }
  await db().$executeRaw(Prisma.sql`
    UPDATE "PayoutRun" SET "summary" = jsonb_set("summary", '{rails}', ${JSON.stringify(result)}::jsonb)
    WHERE "id" = ${run.id} AND "shopId" = ${run.shopId}`);
  return result;
}
