import { Prisma } from "@prisma/client";
import { actorLabel, type Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import type { DbTransaction } from "../db.server";
import { enqueueJob } from "../jobs/enqueue-job.server";
import { JOB } from "../jobs/job-names";
import { shopUninstalled } from "./payout-run-errors";
import { previewResolvedRun } from "./preview-payout-run.server";
import { resolveRunRequest, type ResolvedRunRequest } from "./resolve-run-request.server";
import type { PayoutRunRequest } from "./run-form-schema";
import type { RunSummary } from "./run-summary";
import { withTransaction } from "../db/transaction.server";

export const PAYOUT_RUN_SUBJECT = "payout_run";

/**
 * Starts a run: re-computes the preview (the data may have moved since the merchant saw it),
 * stores it as the run's plan and queues ONE background job, all in one transaction.
 */
export async function startPayoutRun(shopId: string, request: PayoutRunRequest, actor: Actor): Promise<{ runId: string }> {
  return withTransaction("longRunning", async (tx) => {
    const run = await resolveRunRequest(tx, shopId, request);
    return { runId: await createPayoutRun(tx, run, actor) };
  });
}

export interface PayoutRunOptions {
  /** "Pay all due": the form's key, so a second submit of it finds this run (unique per shop). */
  requestKey?: string;
  /** Pay the run's ready payouts to creators on Stripe once it completes. */
  payWithStripe?: boolean;
}

/** Inside the caller's transaction (the schedule holds a per-shop lock around it). */
export async function createPayoutRun(
  tx: DbTransaction,
  run: ResolvedRunRequest,
  actor: Actor,
  options: PayoutRunOptions = {},
): Promise<string> {
  if (run.shop.installState !== "installed") throw shopUninstalled();
  const preview = await previewResolvedRun(tx, run);
  const group = (row: (typeof preview.rows)[number]) => ({
    creatorId: row.creatorId,
    creatorName: row.creatorName,
    currency: row.currency,
    amountMinor: row.amountMinor,
  });
  const toPay = (row: (typeof preview.rows)[number]) => ({ ...group(row), itemCount: row.itemCount });
  const summary: RunSummary = {
    actor,
    from: run.from,
    to: run.to,
    minimums: preview.minimums,
    groups: preview.rows.filter((row) => !row.excluded).map(toPay),
    excluded: preview.rows.flatMap((row) => (row.excluded ? [{ ...group(row), ...row.excluded }] : [])),
    ...(options.payWithStripe ? { payWithStripe: true } : {}),
  };
  const created = await tx.payoutRun.create({
    data: {
      shopId: run.shop.id,
      status: "running",
      payableFrom: run.payableFrom,
      payableTo: run.payableTo,
      creatorId: run.creatorId,
      honourMinimum: run.honourMinimum,
      totalCreators: summary.groups.length,
      doneCreators: 0,
      createdBy: actorLabel(actor),
      requestKey: options.requestKey ?? null,
    },
    select: { id: true },
  });
  // The plan (a group per creator: ≈ 1.2 MB of JSON for 10,000 creators) goes in as ONE text
  // parameter. As a Json field of create() the query compiler parsed it into a value per element
  // and kept the WebAssembly memory that took (+37 MB of the process's external memory, never
  // given back); a duplicate requestKey still fails the create() above as P2002 (pay-all-due).
  await tx.$executeRaw(Prisma.sql`UPDATE "PayoutRun" SET "summary" = ${JSON.stringify(summary)}::jsonb WHERE "id" = ${created.id}`);
  await recordAuditEvent(tx, {
    shopId: run.shop.id,
    actor,
    action: "payout_run.started",
    subject: { type: PAYOUT_RUN_SUBJECT, id: created.id },
    after: {
      from: run.from,
      to: run.to,
      creatorId: run.creatorId,
      honourMinimum: run.honourMinimum,
      toPay: summary.groups.length,
      excluded: summary.excluded.length,
      totals: preview.totals,
    },
  });
  await queuePayoutRunJob(tx, created.id);
  return created.id;
}

/** The job key makes a second queueing of the same run replace, not duplicate, the waiting job. */
export async function queuePayoutRunJob(tx: DbTransaction, runId: string, delaySeconds = 0): Promise<void> {
  await enqueueJob(tx, JOB.processPayoutRun, { runId }, { jobKey: `payout_run:${runId}`, maxAttempts: 5, delaySeconds });
}
