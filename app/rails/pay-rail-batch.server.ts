// Step 2 and 3 for a batch of a run's payouts (a rail with `batch`, e.g. PayPal): outside any
// transaction, send the batch or look it up, then settle each item's attempt through the shared
// settle. One path for the batch's job, the sweeper's poll and a webhook's prompt:
//  - a batch whose rail id is known is only ever looked up by it (PayPal: GET the batch);
//  - otherwise the rail decides what its idempotency allows (PayPal: resending the same
//    sender_batch_id pays nothing twice and names the original batch, which is then read);
//  - items not final yet (PENDING, UNCLAIMED…) keep their payouts processing: a RailTryLater is
//    thrown for the job to come back, and the poll (sweep-rail-attempts) comes back after that.
import type { Task } from "graphile-worker";
import { z } from "zod";
import { db } from "../db.server";
import { now } from "../lib/clock.server";
import type { Rail, RailBatching } from "./rail";
import { railNamed } from "./rails.server";
import { failRailAttempt, settleRailAttempt } from "./settle-rail-attempt.server";

export interface BatchOutcome {
  paid: number;
  failed: number;
  waiting: number;
}

export function batchingRail(name: string): Rail & { batch: RailBatching } {
  const rail = railNamed(name as Parameters<typeof railNamed>[0]);
  if (!rail.batch) throw new Error(`rail ${name} does not pay in batches`);
  return rail as Rail & { batch: RailBatching };
}

/**
 * Moves the batch's pending attempts forward once. Throws the rail's tryLater while any item is
 * not final (or the batch's fate is unknown); settled attempts are never touched again.
 */
export async function payRailBatch(shopId: string, railName: string, batchKey: string): Promise<BatchOutcome> {
  const rail = batchingRail(railName);
  const attempts = await db().payoutAttempt.findMany({
    where: { shopId, rail: rail.name, batchKey },
    include: { payout: { select: { status: true, currency: true } } },
    orderBy: { payoutId: "asc" },
  });
  const pending = attempts.filter((a) => a.status === "pending" && a.payout.status === "processing");
  const outcome: BatchOutcome = { paid: 0, failed: 0, waiting: 0 };
  if (pending.length === 0) return outcome;
  const railBatchId = attempts.find((a) => a.railBatchId)?.railBatchId ?? null;

  const answer = await rail.batch.sendBatch({ shopId, batchKey, railBatchId, attempts }, now().getTime());

  if (answer.kind === "refused") {
    for (const attempt of pending) if ((await failRailAttempt(rail, attempt.id, answer)) === "failed") outcome.failed += 1;
    return outcome;
  }
  if (answer.railBatchId !== railBatchId) {
    // Kept at once: from now on the batch is looked up by the rail's id, never sent again.
    await db().payoutAttempt.updateMany({ where: { shopId, rail: rail.name, batchKey }, data: { railBatchId: answer.railBatchId } });
  }
  for (const attempt of pending) {
    const item = answer.answers.get(attempt.payoutId) ?? "waiting";
    if (item === "waiting") outcome.waiting += 1;
    else if (item.made) outcome.paid += (await settleRailAttempt(rail, attempt.id, item.reference)) === "paid" ? 1 : 0;
    else outcome.failed += (await failRailAttempt(rail, attempt.id, item)) === "failed" ? 1 : 0;
  }
  if (outcome.waiting > 0) throw rail.tryLater(`${outcome.waiting} of the batch's payments are not final yet`);
  return outcome;
}

const payload = z.object({ shopId: z.string(), rail: z.string(), batchKey: z.string() });

/** graphile-worker task: a thrown RailTryLater makes the job come back with backoff. */
export const payRailBatchTask: Task = async (raw) => {
  const { shopId, rail, batchKey } = payload.parse(raw);
  await payRailBatch(shopId, rail, batchKey);
};
