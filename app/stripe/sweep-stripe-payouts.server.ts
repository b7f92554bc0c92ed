// Resolves payouts stuck in `processing` because the worker paying them died, was down, or its
// job ran out of retries. Each stuck attempt goes through the same path as its job
// (payStripeAttempt): replayed as stored within the safe window, looked up at Stripe first past
// it, and failed for the merchant to retry once Stripe may have forgotten its key and has no
// transfer for it.
import type { Task } from "graphile-worker";
import { db } from "../db.server";
import { now } from "../lib/clock.server";
import { payStripeAttempt, type AttemptOutcome } from "./pay-payout.server";
import { StripeTryLater } from "./stripe-try-later";
import { logger } from "../lib/logger.server";

/** An attempt younger than this is left to its own job. */
export const STUCK_AFTER_MS = 10 * 60 * 1000;

export type SweepOutcome = AttemptOutcome | "try_later";

export async function resolveStuckAttempt(attemptId: string): Promise<SweepOutcome> {
  try {
    return await payStripeAttempt(attemptId);
  } catch (error) {
    if (error instanceof StripeTryLater) return "try_later";
    throw error;
  }
}

/** Sweeps every shop's stuck attempts; one attempt's trouble does not stop the others. */
export async function sweepStripePayouts(options: { stuckAfterMs?: number } = {}): Promise<Record<string, SweepOutcome | "error">> {
  const before = new Date(now().getTime() - (options.stuckAfterMs ?? STUCK_AFTER_MS));
  const stuck = await db().payoutAttempt.findMany({
    where: { status: "pending", createdAt: { lte: before }, payout: { status: "processing" } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: 200,
  });
  const outcomes: Record<string, SweepOutcome | "error"> = {};
  for (const { id } of stuck) {
    try {
      outcomes[id] = await resolveStuckAttempt(id);
    } catch (error) {
      outcomes[id] = "error";
      logger().warn(
        { module: "stripe", attemptId: id },
        `sweeping attempt ${id}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return outcomes;
}

export const sweepStripePayoutsTask: Task = async () => {
  await sweepStripePayouts();
};
