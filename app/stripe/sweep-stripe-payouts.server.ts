// Resolves payouts stuck in `processing` because the worker paying them died (or its job ran out
// of retries). While Stripe still keeps the attempt's idempotency key (24 h) the stored request
// is replayed: Stripe answers with the transfer it already made, or makes it once. Past that a
// replay could pay twice, so the transfer is looked up by its transfer group (the payout id):
// found → paid; not found → the attempt failed, and the merchant may retry with a new attempt.
import type { Task } from "graphile-worker";
import { db } from "../db.server";
import { now } from "../lib/clock.server";
import { sendStripeTransfer, StripeReplayLater, type SendOutcome } from "./pay-payout.server";
import { failStripeAttempt, settleStripeTransfer } from "./settle-stripe-transfer.server";
import { shopStripeClient } from "./stripe-connection.server";
import { isTransferOfAttempt, STRIPE_IDEMPOTENCY_WINDOW_MS } from "./transfer-params";

/** An attempt younger than this is left to its own job. */
export const STUCK_AFTER_MS = 10 * 60 * 1000;
/** Replay only well inside Stripe's 24-hour key window. */
const REPLAY_UNTIL_MS = STRIPE_IDEMPOTENCY_WINDOW_MS - 60 * 60 * 1000;

export type SweepOutcome = SendOutcome | "replay_later" | "looked_up_paid" | "looked_up_failed";

export async function resolveStuckAttempt(attemptId: string): Promise<SweepOutcome> {
  const attempt = await db().payoutAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  if (attempt.status !== "pending") return "not_pending";
  if (now().getTime() - attempt.createdAt.getTime() < REPLAY_UNTIL_MS) {
    try {
      return await sendStripeTransfer(attempt.id);
    } catch (error) {
      if (error instanceof StripeReplayLater) return "replay_later";
      throw error;
    }
  }
  const client = await shopStripeClient(attempt.shopId);
  const listed = await client.transfers.list({ transfer_group: attempt.payoutId, limit: 100 });
  const transfer = listed.data.find((candidate) => isTransferOfAttempt(candidate, attempt));
  if (transfer) {
    await settleStripeTransfer(attempt.id, transfer.id);
    return "looked_up_paid";
  }
  await failStripeAttempt(attempt.id, {
    code: "transfer_not_found",
    message: "Stripe has no transfer for this attempt, so nothing was paid. Retry the payout to pay it with a new attempt.",
  });
  return "looked_up_failed";
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
      console.warn(`[stripe] sweeping attempt ${id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return outcomes;
}

export const sweepStripePayoutsTask: Task = async () => {
  await sweepStripePayouts();
};
