// The background job of a payout run (graphile-worker task `process_payout_run`). It pays the
// run's plan in batches: one transaction pays the batch's creators with set-based SQL
// (createRunPayoutsInBulk), then createPayout handles, one by one, any group the bulk statement
// left alone (drift, nothing payable, below the minimum), so their outcomes say why. Safe to
// retry: progress ("doneCreators") and the skipped groups ("PayoutRunSkip") are recorded per batch,
// and a group whose payout was created before a crash (but not yet recorded) is found by its runId
// instead of being paid again.
import type { PayoutRun } from "@prisma/client";
import { Prisma } from "@prisma/client";
import type { Task } from "graphile-worker";
import { z } from "zod";
import { SYSTEM_ACTOR } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { db } from "../db.server";
import { isDomainError } from "../domain/errors";
import { now } from "../lib/clock.server";
import { readActivePayoutTotal } from "../payouts/change-payout-status.server";
import { createPayout } from "../payouts/create-payout.server";
import { PayableDriftError } from "../payouts/payout-errors";
import { createRunPayoutsInBulk } from "./create-run-payouts-in-bulk.server";
import { payRunOnRails } from "./pay-run-on-rails.server";
import { runBatchEnd } from "./run-batches";
import { readRunSummary, type RunGroup, type RunSummary } from "./run-summary";
import { PAYOUT_RUN_SUBJECT, queuePayoutRunJob } from "./start-payout-run.server";
import { withTransaction } from "../db/transaction.server";

/** What happened to one group of the plan (only skipped ones are stored, as PayoutRunSkip rows). */
type RunOutcome =
  | { creatorId: string; currency: string; outcome: "created"; payoutId: string; amountMinor: number; invoiceLabel: string | null }
  | { creatorId: string; currency: string; outcome: "skipped"; code: string; reason: string };

/** While the shop is uninstalled the run pauses (DOMAIN §8) and looks again this much later. */
const UNINSTALLED_RETRY_SECONDS = 3600;

const jobPayload = z.object({ runId: z.string() });

export const processPayoutRunTask: Task = async (payload, helpers) => {
  const { runId } = jobPayload.parse(payload);
  try {
    await processPayoutRun(runId);
  } catch (error) {
    // Retried by the queue (continuing where it stopped); the last attempt fails the run.
    if (helpers.job.attempts >= helpers.job.max_attempts) await failPayoutRun(runId, error);
    throw error;
  }
};

export async function processPayoutRun(runId: string): Promise<void> {
  const run = await db().payoutRun.findUnique({ where: { id: runId } });
  if (!run || run.status !== "running") return;
  const summary = readRunSummary(run.summary);
  let position = run.doneCreators;
  while (position < summary.groups.length) {
    if (!(await shopInstalled(run.shopId))) {
      await withTransaction("short", (tx) => queuePayoutRunJob(tx, runId, UNINSTALLED_RETRY_SECONDS));
      return;
    }
    // Bounded by creators and by items (run-batches.ts), so memory stays flat however large the shop.
    const batch = summary.groups.slice(position, runBatchEnd(summary.groups, position));
    const paid = await payBatch(run, summary, batch);
    if (paid === "stopped") return; // canceled meanwhile
    const outcomes: RunOutcome[] = [];
    for (const [index, group] of batch.entries()) {
      const outcome = paid[index] ?? (await payGroup(run, summary, group));
      if (outcome === "stopped") return;
      outcomes.push(outcome);
    }
    if (!(await recordProgress(run, position, outcomes))) return;
    position += batch.length;
  }
  if ((await completePayoutRun(run)) && summary.payWithStripe) await payRunOnRails(run, summary.actor);
}

async function shopInstalled(shopId: string): Promise<boolean> {
  const shop = await db().shop.findUnique({ where: { id: shopId }, select: { installState: true } });
  return shop?.installState === "installed";
}

/**
 * The batch in one transaction that holds the run row FOR SHARE (see payGroup): groups already
 * paid by an earlier attempt keep that payout; the rest go to createRunPayoutsInBulk. Returns an
 * outcome per batch index for the groups it settled; the others are left to payGroup.
 */
async function payBatch(run: PayoutRun, summary: RunSummary, batch: RunGroup[]): Promise<(RunOutcome | undefined)[] | "stopped"> {
  return withTransaction("longRunning", async (tx) => {
    const [locked] = await tx.$queryRaw<{ status: string }[]>(
      Prisma.sql`SELECT "status"::text FROM "PayoutRun" WHERE "id" = ${run.id} FOR SHARE`,
    );
    if (locked?.status !== "running") return "stopped" as const;
    const key = (creatorId: string, currency: string) => `${creatorId}:${currency}`;
    const earlier = await tx.payout.findMany({
      where: {
        shopId: run.shopId,
        runId: run.id,
        status: { not: "canceled" },
        creatorId: { in: [...new Set(batch.map((group) => group.creatorId))] },
      },
      select: { id: true, creatorId: true, currency: true, invoiceLabel: true },
    });
    const earlierByGroup = new Map(earlier.map((payout) => [key(payout.creatorId, payout.currency), payout]));
    const outcomes: (RunOutcome | undefined)[] = [];
    for (const [index, { creatorId, currency }] of batch.entries()) {
      const payout = earlierByGroup.get(key(creatorId, currency));
      if (!payout) continue;
      const amountMinor = await readActivePayoutTotal(tx, run.shopId, payout.id);
      outcomes[index] = { creatorId, currency, outcome: "created", payoutId: payout.id, amountMinor, invoiceLabel: payout.invoiceLabel };
    }
    const toPay = batch.flatMap((group, index) => (outcomes[index] ? [] : [{ ...group, index }]));
    const created = await createRunPayoutsInBulk(tx, {
      shopId: run.shopId,
      runId: run.id,
      actor: summary.actor,
      payableUntil: run.payableTo,
      groups: toPay.map(({ creatorId, currency }) => ({
        creatorId,
        currency,
        minimumMinor: run.honourMinimum ? (summary.minimums[currency] ?? null) : null,
      })),
    });
    const indexOf = new Map(toPay.map((group) => [key(group.creatorId, group.currency), group.index]));
    for (const payout of created) {
      const { creatorId, currency, payoutId, amountMinor, invoiceLabel } = payout;
      outcomes[indexOf.get(key(creatorId, currency))!] = { creatorId, currency, outcome: "created", payoutId, amountMinor, invoiceLabel };
    }
    return outcomes;
  });
}

/**
 * One creator and currency, in one transaction that holds the run row FOR SHARE: canceling the
 * run (FOR UPDATE) waits for it and every later group sees the run canceled, so a canceled run
 * never gains a payout after cancelPayoutRun listed its payouts.
 */
async function payGroup(run: PayoutRun, summary: RunSummary, group: RunGroup): Promise<RunOutcome | "stopped"> {
  const { creatorId, currency } = group;
  try {
    return await withTransaction("longRunning", async (tx) => {
      const [locked] = await tx.$queryRaw<{ status: string }[]>(
        Prisma.sql`SELECT "status"::text FROM "PayoutRun" WHERE "id" = ${run.id} FOR SHARE`,
      );
      if (locked?.status !== "running") return "stopped" as const;
      const earlier = await tx.payout.findFirst({
        where: { shopId: run.shopId, runId: run.id, creatorId, currency, status: { not: "canceled" } },
        select: { id: true, invoiceLabel: true },
      });
      if (earlier) {
        const amountMinor = await readActivePayoutTotal(tx, run.shopId, earlier.id);
        return { creatorId, currency, outcome: "created", payoutId: earlier.id, amountMinor, invoiceLabel: earlier.invoiceLabel } as const;
      }
      const payout = await createPayout(
        {
          shopId: run.shopId,
          creatorId,
          currency,
          origin: "run",
          actor: summary.actor,
          runId: run.id,
          payableUntil: run.payableTo,
          minimumMinor: run.honourMinimum ? (summary.minimums[currency] ?? null) : null,
        },
        tx,
      );
      return {
        creatorId,
        currency,
        outcome: "created",
        payoutId: payout.payoutId,
        amountMinor: payout.amountMinor,
        invoiceLabel: payout.invoiceLabel,
      } as const;
    });
  } catch (error) {
    if (isDomainError(error)) return { creatorId, currency, outcome: "skipped", code: error.code, reason: error.message };
    if (error instanceof PayableDriftError) {
      // One creator's inconsistent books must not stop everyone else's payouts.
      return {
        creatorId,
        currency,
        outcome: "skipped",
        code: "payable_drift",
        reason: "Payable items disagree with the ledger; nothing was paid until someone looks.",
      };
    }
    throw error;
  }
}

/**
 * Moves the run past a batch and appends the groups it skipped, in one statement (so together or
 * not at all); false when the run is no longer running (or another worker moved on). The summary
 * is not rewritten: a growing list in it cost a rewrite of the whole JSON every batch.
 */
async function recordProgress(run: PayoutRun, position: number, outcomes: RunOutcome[]): Promise<boolean> {
  const skipped = JSON.stringify(
    outcomes.flatMap((outcome, index) =>
      outcome.outcome === "skipped"
        ? [
            {
              position: position + index,
              creatorId: outcome.creatorId,
              currency: outcome.currency,
              code: outcome.code,
              reason: outcome.reason,
            },
          ]
        : [],
    ),
  );
  const [moved] = await db().$queryRaw<{ moved: bigint }[]>(Prisma.sql`
    WITH moved AS (
      UPDATE "PayoutRun" SET "doneCreators" = "doneCreators" + ${outcomes.length}
      WHERE "id" = ${run.id} AND "shopId" = ${run.shopId} AND "status" = 'running' AND "doneCreators" = ${position}
      RETURNING "id", "shopId"
    ), skips AS (
      INSERT INTO "PayoutRunSkip" ("runId", "position", "shopId", "creatorId", "currency", "code", "reason")
      SELECT m."id", s."position", m."shopId", s."creatorId", s."currency", s."code", s."reason"
      FROM moved m CROSS JOIN jsonb_to_recordset(${skipped}::jsonb) AS s("position" int, "creatorId" text, "currency" text, "code" text, "reason" text)
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM moved) AS "moved", (SELECT count(*) FROM skips) AS "skipped"`);
  return Number(moved?.moved ?? 0) === 1;
}

/** True for the one worker that completed the run. */
async function completePayoutRun(run: PayoutRun): Promise<boolean> {
  return withTransaction("short", async (tx) => {
    const finished = await tx.payoutRun.updateMany({
      where: { id: run.id, status: "running" },
      data: { status: "completed", finishedAt: now() },
    });
    if (finished.count !== 1) return false;
    // Only the counts: the whole plan read back here (1.2 MB of JSON at 10,000 creators) went
    // through the query compiler's and the driver's buffers at the run's end, when its heap is
    // highest (with the benchmark's own read of the run: +9 MB external, +8 MB RSS at full size).
    const [counts] = await tx.$queryRaw<{ doneCreators: number; excluded: number }[]>(Prisma.sql`
      SELECT "doneCreators", COALESCE(jsonb_array_length("summary"->'excluded'), 0)::int AS "excluded"
      FROM "PayoutRun" WHERE "id" = ${run.id} AND "shopId" = ${run.shopId}`);
    if (!counts) throw new Error(`Payout run ${run.id} is gone while completing.`);
    const skipped = await tx.payoutRunSkip.count({ where: { runId: run.id, shopId: run.shopId } });
    await recordAuditEvent(tx, {
      shopId: run.shopId,
      actor: SYSTEM_ACTOR,
      action: "payout_run.completed",
      subject: { type: PAYOUT_RUN_SUBJECT, id: run.id },
      before: { status: "running" },
      after: { status: "completed", payouts: counts.doneCreators - skipped, skipped: skipped + counts.excluded },
    });
    return true;
  });
}

async function failPayoutRun(runId: string, error: unknown): Promise<void> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  await withTransaction("short", async (tx) => {
    const failed = await tx.$executeRaw(Prisma.sql`
      UPDATE "PayoutRun" SET "status" = 'failed', "finishedAt" = ${now()},
        "summary" = jsonb_set(COALESCE("summary", '{}'::jsonb), '{error}', to_jsonb(${message}::text))
      WHERE "id" = ${runId} AND "status" = 'running'`);
    if (failed !== 1) return;
    const run = await tx.payoutRun.findUniqueOrThrow({ where: { id: runId }, select: { shopId: true } });
    await recordAuditEvent(tx, {
      shopId: run.shopId,
      actor: SYSTEM_ACTOR,
      action: "payout_run.failed",
      subject: { type: PAYOUT_RUN_SUBJECT, id: runId },
      before: { status: "running" },
      after: { status: "failed", error: message },
    });
  });
}
