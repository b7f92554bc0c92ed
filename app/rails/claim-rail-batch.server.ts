// Step 1 for a run's payouts on a rail that pays in batches (PayPal: one batch per run): claim
// them all in ONE transaction. Each payout is claimed exactly as one payout is (ready →
// processing, its attempt row holding its item of the request, audit), as an item of the run's
// next batch; a payout the rail refuses (no PayPal email, a currency it cannot pay) is rolled back
// to its savepoint and reported with its sentence, the others go on. The batches are numbered on
// from the run's earlier ones and split at the rail's item limit; one job per batch is queued in
// the same transaction, so the call (outside it) happens exactly when the claim committed.
import { Prisma } from "@prisma/client";
import type { Actor } from "../audit/actor";
import type { DbTransaction } from "../db.server";
import { isDomainError } from "../domain/errors";
import { enqueueJob } from "../jobs/enqueue-job.server";
import { JOB } from "../jobs/job-names";
import { findPayoutForChange } from "../payouts/change-payout-status.server";
import { runPayoutTransaction } from "../payouts/run-payout-transaction.server";
import { claimInTransaction, PAY_RAIL_ATTEMPT_MAX_ATTEMPTS } from "./claim-rail-payout.server";
import type { Rail, RailBatching } from "./rail";

export interface ClaimedRailBatches {
  /** Payouts claimed, now processing as items of `batchKeys`. */
  claimed: number;
  batchKeys: string[];
  /** One sentence per payout the rail refused (nothing was written for it). */
  errors: string[];
}

/** The run's next batch number: one past the highest its earlier batches on this rail used. */
async function nextBatchNumber(tx: DbTransaction, rail: Rail & { batch: RailBatching }, shopId: string, runId: string): Promise<number> {
  // Serialises two claims of one run's batches (a job and a click), so no number is used twice.
  await tx.$queryRaw(Prisma.sql`SELECT 1 FROM "PayoutRun" WHERE "id" = ${runId} AND "shopId" = ${shopId} FOR UPDATE`);
  const keys = await tx.payoutAttempt.findMany({
    where: { shopId, rail: rail.name, batchKey: { startsWith: rail.batch.batchKey(runId, 0).replace(/0$/, "") } },
    distinct: ["batchKey"],
    select: { batchKey: true },
  });
  const used = keys.map((k) => rail.batch.batchNumberOf(runId, k.batchKey ?? "") ?? 0);
  return Math.max(0, ...used) + 1;
}

export async function claimRailBatch(
  rail: Rail & { batch: RailBatching },
  shopId: string,
  runId: string,
  payoutIds: readonly string[],
  actor: Actor,
): Promise<ClaimedRailBatches> {
  const ordered = [...payoutIds].sort();
  if (ordered.length === 0) return { claimed: 0, batchKeys: [], errors: [] };
  let preflight: unknown;
  if (rail.preflight) {
    // The rail's own checks (PayPal connected) once for the run; a refusal refuses every payout.
    const peek = await runPayoutTransaction((tx) => findPayoutForChange(tx, shopId, ordered[0]!));
    try {
      preflight = await rail.preflight(shopId, peek);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return { claimed: 0, batchKeys: [], errors: [error.message] };
    }
  }
  return runPayoutTransaction(async (tx) => {
    const first = await nextBatchNumber(tx, rail, shopId, runId);
    const result: ClaimedRailBatches = { claimed: 0, batchKeys: [], errors: [] };
    for (const payoutId of ordered) {
      const batchKey = rail.batch.batchKey(runId, first + Math.floor(result.claimed / rail.batch.maxItems));
      await tx.$executeRawUnsafe("SAVEPOINT claim_batch_item");
      try {
        await claimInTransaction(tx, rail, shopId, payoutId, actor, preflight, batchKey);
        await tx.$executeRawUnsafe("RELEASE SAVEPOINT claim_batch_item");
      } catch (error) {
        if (!isDomainError(error)) throw error;
        await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT claim_batch_item");
        result.errors.push(error.message);
        continue;
      }
      result.claimed += 1;
      if (!result.batchKeys.includes(batchKey)) result.batchKeys.push(batchKey);
    }
    for (const batchKey of result.batchKeys) {
      await enqueueJob(
        tx,
        JOB.payRailBatch,
        { shopId, rail: rail.name, batchKey },
        { jobKey: `pay_batch_${batchKey}`, maxAttempts: PAY_RAIL_ATTEMPT_MAX_ATTEMPTS },
      );
    }
    return result;
  });
}
