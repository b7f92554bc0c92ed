// Step 2 of paying a payout with Stripe: the call. One path moves a pending attempt forward, run
// by the attempt's job (after the claim committed, and on each retry) and by the sweeper for
// attempts whose job died or gave up. What it may do depends on the attempt's age
// (attempt-recovery-step.ts): within the safe window it sends the stored key and parameters; past
// it, it first looks the transfer up at Stripe and settles what it finds, because Stripe forgets
// keys after about 24 hours and a blind replay could then pay twice.
import type { PayoutAttempt } from "@prisma/client";
import type Stripe from "stripe";
import type { Task } from "graphile-worker";
import { z } from "zod";
import { db } from "../db.server";
import { now } from "../lib/clock.server";
import { attemptRecoveryStep } from "./attempt-recovery-step";
import { classifyStripeError } from "./classify-stripe-error";
import { crashPoint } from "./crash-point.server";
import { findAttemptTransfer } from "./find-attempt-transfer.server";
import { failStripeAttempt, settleStripeTransfer, type SettleOutcome } from "./settle-stripe-transfer.server";
import { shopStripeClient } from "./stripe-connection.server";
import { stripeFailureReason } from "./stripe-failure-reason";
import { StripeTryLater } from "./stripe-try-later";
import type { TransferParams } from "./transfer-params";

export type AttemptOutcome = SettleOutcome | "not_pending" | "looked_up_paid" | "looked_up_failed";

export const TRANSFER_NOT_FOUND = {
  code: "transfer_not_found",
  message: stripeFailureReason("transfer_not_found").sentence,
};

/**
 * Moves a pending attempt forward once. Throws StripeTryLater when Stripe's answer is not known
 * yet: the payout stays processing and the caller comes back later.
 */
export async function payStripeAttempt(attemptId: string): Promise<AttemptOutcome> {
  const attempt = await db().payoutAttempt.findUnique({
    where: { id: attemptId },
    include: { payout: { select: { status: true, currency: true } } },
  });
  if (!attempt || attempt.status !== "pending" || attempt.payout.status !== "processing") return "not_pending";
  const client = await shopStripeClient(attempt.shopId);
  const step = attemptRecoveryStep(now().getTime() - attempt.createdAt.getTime());
  if (step !== "send") {
    const transfer = await findAttemptTransfer(client, attempt);
    if (transfer) {
      const settled = await settleStripeTransfer(attempt.id, transfer.id);
      return settled === "paid" ? "looked_up_paid" : settled;
    }
    if (step === "look_up_then_wait")
      throw new StripeTryLater("no transfer at Stripe yet, and a request sent in the last hour may still land");
    if (step === "look_up_then_fail") {
      const failed = await failStripeAttempt(attempt.id, TRANSFER_NOT_FOUND);
      return failed === "failed" ? "looked_up_failed" : failed;
    }
  }
  return sendStoredRequest(client, attempt, attempt.payout.currency);
}

/** Sends the attempt's stored request (same key, same parameters) and settles a definite answer. */
async function sendStoredRequest(client: Stripe, attempt: PayoutAttempt, currency: string): Promise<SettleOutcome> {
  crashPoint("before_stripe_call");
  let transfer: Stripe.Transfer;
  try {
    transfer = await client.transfers.create(attempt.params as unknown as TransferParams, { idempotencyKey: attempt.idempotencyKey });
  } catch (error) {
    const failure = classifyStripeError(error, currency);
    if (failure.kind === "replay") throw new StripeTryLater(failure.reason);
    return failStripeAttempt(attempt.id, failure);
  }
  crashPoint("after_stripe_response");
  return settleStripeTransfer(attempt.id, transfer.id);
}

const payload = z.object({ attemptId: z.string() });

/** graphile-worker task: a thrown StripeTryLater makes the job retry with backoff. */
export const payStripePayoutTask: Task = async (raw) => {
  await payStripeAttempt(payload.parse(raw).attemptId);
};
