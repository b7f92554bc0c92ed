// Step 2 of paying a payout on any rail: the call. One path moves a pending attempt forward, run
// by the attempt's job (after the claim committed, and on each retry) and by the sweeper for
// attempts whose job died or gave up. What it may do is the rail's `recoveryStep`: send the
// stored request, or first look the payment up at the rail and settle what it finds — the
// lost-answer rule every rail shares: an attempt whose outcome is unknown is looked up before
// anything is sent again.
import type { Task } from "graphile-worker";
import { z } from "zod";
import { db } from "../db.server";
import { now } from "../lib/clock.server";
import { crashPoint } from "./crash-point.server";
import type { Rail, RailAttempt } from "./rail";
import { payRailBatch } from "./pay-rail-batch.server";
import { railNamed } from "./rails.server";
import { failRailAttempt, settleRailAttempt, type SettleOutcome } from "./settle-rail-attempt.server";

export type AttemptOutcome = SettleOutcome | "not_pending" | "looked_up_paid" | "looked_up_failed";

/**
 * Moves a pending attempt forward once. Throws RailTryLater when the rail's answer is not known
 * yet: the payout stays processing and the caller comes back later.
 */
export async function payRailAttempt(attemptId: string): Promise<AttemptOutcome> {
  const attempt = await db().payoutAttempt.findUnique({
    where: { id: attemptId },
    include: { payout: { select: { status: true, currency: true } } },
  });
  if (!attempt || attempt.status !== "pending" || attempt.payout.status !== "processing") return "not_pending";
  const rail = railNamed(attempt.rail);
  if (attempt.batchKey) return payBatchOf(attempt.id, attempt.shopId, attempt.rail, attempt.batchKey);
  const step = rail.recoveryStep(attempt, now().getTime());
  if (step !== "send") {
    const found = await rail.lookUp(attempt);
    if (found) {
      const settled = await settleRailAttempt(rail, attempt.id, found.reference);
      return settled === "paid" ? "looked_up_paid" : settled;
    }
    if (step === "look_up_then_wait") throw rail.tryLater("nothing at the rail yet, and a request sent lately may still land");
    if (step === "look_up_then_fail") {
      const failed = await failRailAttempt(rail, attempt.id, rail.notFound);
      return failed === "failed" ? "looked_up_failed" : failed;
    }
  }
  return sendStoredRequest(rail, attempt);
}

/** An item of a batch moves with its whole batch (pay-rail-batch.server.ts); this attempt's outcome. */
async function payBatchOf(attemptId: string, shopId: string, rail: string, batchKey: string): Promise<AttemptOutcome> {
  await payRailBatch(shopId, rail, batchKey);
  const after = await db().payoutAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { status: true } });
  return after.status === "succeeded" ? "paid" : after.status === "failed" ? "failed" : "not_pending";
}

/** Sends the attempt's stored request and settles a definite answer. */
async function sendStoredRequest(rail: Rail, attempt: RailAttempt): Promise<SettleOutcome> {
  if (rail.keyless) {
    // No key at the rail to make a second send harmless: whoever marks the attempt sent is the only
    // sender; everyone else (a concurrent job run, the sweeper, a later run) only looks it up.
    const sentAt = now();
    const { count } = await db().payoutAttempt.updateMany({
      where: { id: attempt.id, status: "pending", sentAt: null },
      data: { sentAt },
    });
    if (count === 0) throw rail.tryLater("another worker is sending this attempt");
    attempt = { ...attempt, sentAt };
  }
  crashPoint(`before_${rail.name}_call`);
  const answer = await rail.send(attempt);
  crashPoint(`after_${rail.name}_response`);
  return answer.made ? settleRailAttempt(rail, attempt.id, answer.reference) : failRailAttempt(rail, attempt.id, answer);
}

const payload = z.object({ attemptId: z.string() });

/** graphile-worker task: a thrown RailTryLater makes the job retry with backoff. */
export const payRailAttemptTask: Task = async (raw) => {
  await payRailAttempt(payload.parse(raw).attemptId);
};
