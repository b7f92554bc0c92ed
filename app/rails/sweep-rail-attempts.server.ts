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
    where: { status: "pending", createdAt: { lte: before }, payout: { status: "processing" } },
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

export const sweepRailAttemptsTask: Task = async () => {
  await sweepRailAttempts();
};
