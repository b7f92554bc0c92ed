// Resolves payouts stuck in `processing` on any rail because the worker paying them died, was
// down, or its job ran out of retries. Each stuck attempt goes through the same path as its job
// (payRailAttempt): replayed as stored while the rail allows it, looked up at the rail first
// otherwise, and failed for the merchant to retry once the rail has nothing for it and nothing
// sent for it can still land.
import type { Task } from "graphile-worker";
import { db } from "../db.server";
import { now } from "../lib/clock.server";
import { logger } from "../lib/logger.server";
import { payRailAttempt, type AttemptOutcome } from "./pay-rail-attempt.server";
import { payRailBatch, type BatchOutcome } from "./pay-rail-batch.server";
import { RailTryLater } from "./rail-try-later";

/** An attempt younger than this is left to its own job. */
export const STUCK_AFTER_MS = 10 * 60 * 1000;

export type SweepOutcome = AttemptOutcome | "try_later";

export async function resolveStuckAttempt(attemptId: string): Promise<SweepOutcome> {
  try {
    return await payRailAttempt(attemptId);
  } catch (error) {
    if (error instanceof RailTryLater) return "try_later";
    throw error;
  }
}

/** Sweeps every shop's stuck attempts, every rail; one attempt's trouble does not stop the others. */
export async function sweepRailAttempts(options: { stuckAfterMs?: number } = {}): Promise<Record<string, SweepOutcome | "error">> {
  const before = new Date(now().getTime() - (options.stuckAfterMs ?? STUCK_AFTER_MS));
  const stuck = await db().payoutAttempt.findMany({
    // Items of a batch are polled per batch (pollRailBatches), not one by one.
    where: { status: "pending", batchKey: null, createdAt: { lte: before }, payout: { status: "processing" } },
    select: { id: true, rail: true },
    orderBy: { createdAt: "asc" },
    take: 200,
  });
  const outcomes: Record<string, SweepOutcome | "error"> = {};
  for (const { id, rail } of stuck) {
    try {
      outcomes[id] = await resolveStuckAttempt(id);
    } catch (error) {
      outcomes[id] = "error";
      logger().warn(
        { module: rail === "stripe" ? "stripe" : "rails", rail, attemptId: id },
        `sweeping attempt ${id}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return outcomes;
}

/**
 * The poll of batches whose items are not final (PayPal: PENDING, ONHOLD, UNCLAIMED): each batch
 * with a pending attempt older than `stuckAfterMs` is looked up once (by its rail id, else as its
 * rail's idempotency allows) and its final items settled; an item unclaimed for 30 days is
 * canceled at PayPal and its payout failed with the reason. Webhooks settle sooner; this is the
 * net under them.
 */
export async function pollRailBatches(
  options: { stuckAfterMs?: number } = {},
): Promise<Record<string, BatchOutcome | "try_later" | "error">> {
  const before = new Date(now().getTime() - (options.stuckAfterMs ?? STUCK_AFTER_MS));
  const batches = await db().payoutAttempt.findMany({
    where: { status: "pending", batchKey: { not: null }, createdAt: { lte: before }, payout: { status: "processing" } },
    distinct: ["shopId", "rail", "batchKey"],
    select: { shopId: true, rail: true, batchKey: true },
    orderBy: [{ shopId: "asc" }, { rail: "asc" }, { batchKey: "asc" }],
    take: 100,
  });
  const outcomes: Record<string, BatchOutcome | "try_later" | "error"> = {};
  for (const { shopId, rail, batchKey } of batches) {
    try {
      outcomes[batchKey!] = await payRailBatch(shopId, rail, batchKey!);
    } catch (error) {
      if (error instanceof RailTryLater) {
        outcomes[batchKey!] = "try_later";
        continue;
      }
      outcomes[batchKey!] = "error";
      logger().warn(
        { module: "rails", rail, batchKey },
        `polling batch ${batchKey}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return outcomes;
}

export const sweepRailAttemptsTask: Task = async () => {
  await sweepRailAttempts();
  await pollRailBatches();
};
