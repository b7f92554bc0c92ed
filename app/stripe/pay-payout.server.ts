// Step 2 of paying a payout with Stripe: the call. Runs as a job per attempt (after the claim
// committed), and again from the sweeper for attempts whose worker died. Always sends the
// attempt's stored key and parameters, so however often it runs Stripe makes one transfer.
import type Stripe from "stripe";
import type { Task } from "graphile-worker";
import { z } from "zod";
import { db } from "../db.server";
import { classifyStripeError } from "./classify-stripe-error";
import { crashPoint } from "./crash-point.server";
import { failStripeAttempt, settleStripeTransfer, type SettleOutcome } from "./settle-stripe-transfer.server";
import { shopStripeClient } from "./stripe-connection.server";
import type { TransferParams } from "./transfer-params";

export class StripeReplayLater extends Error {
  constructor(reason: string) {
    super(`Stripe transfer not confirmed yet (${reason}); the same request will be replayed`);
    this.name = "StripeReplayLater";
  }
}

export type SendOutcome = SettleOutcome | "not_pending";

/**
 * Sends the attempt's transfer request (same key, same parameters) and settles the answer.
 * Throws StripeReplayLater when the outcome is unknown (network error, 5xx): the payout stays
 * processing and the caller replays later.
 */
export async function sendStripeTransfer(attemptId: string): Promise<SendOutcome> {
  const attempt = await db().payoutAttempt.findUnique({ where: { id: attemptId }, include: { payout: { select: { status: true, currency: true } } } });
  if (!attempt || attempt.status !== "pending" || attempt.payout.status !== "processing") return "not_pending";
  const client = await shopStripeClient(attempt.shopId);
  crashPoint("before_stripe_call");
  let transfer: Stripe.Transfer;
  try {
    transfer = await client.transfers.create(attempt.params as unknown as TransferParams, { idempotencyKey: attempt.idempotencyKey });
  } catch (error) {
    const failure = classifyStripeError(error, attempt.payout.currency);
    if (failure.kind === "replay") throw new StripeReplayLater(failure.reason);
    return failStripeAttempt(attempt.id, failure);
  }
  crashPoint("after_stripe_response");
  return settleStripeTransfer(attempt.id, transfer.id);
}

const payload = z.object({ attemptId: z.string() });

/** graphile-worker task: a thrown StripeReplayLater makes the job retry with backoff. */
export const payStripePayoutTask: Task = async (raw) => {
  await sendStripeTransfer(payload.parse(raw).attemptId);
};
