// Step 1 of paying a payout on any rail: claim it. In ONE database transaction the payout moves
// ready → processing (or failed → ready → processing for a retry), the attempt is counted, the
// attempt row with the rail's exact request is stored, and the job that calls the rail is queued.
// Nothing talks to the rail here (a rail's preflight reads run before, outside the transaction),
// so the merchant's click returns at once; of concurrent clicks exactly one wins the
// compare-and-set on the status.
import { Prisma } from "@prisma/client";
import { actorLabel, type Actor } from "../audit/actor";
import type { DbTransaction } from "../db.server";
import { DomainError } from "../domain/errors";
import { payoutStatusMachine } from "../domain/status/payout-status";
import { enqueueJob } from "../jobs/enqueue-job.server";
import { now } from "../lib/clock.server";
import { findPayoutForChange, readActivePayoutTotal, updatePayoutIfStatus } from "../payouts/change-payout-status.server";
import { assertPayoutMayBePaid } from "../payouts/payout-holds.server";
import { recordPayoutChange } from "../payouts/record-payout-change.server";
import { runPayoutTransaction } from "../payouts/run-payout-transaction.server";
import type { Rail, RailName } from "./rail";

export interface ClaimedRailPayout {
  status: "processing";
  payoutId: string;
  rail: RailName;
  attempt: number;
  attemptId: string;
  idempotencyKey: string;
}

/** Job retries for one attempt: an unknown outcome is looked at again (replayed or looked up). */
export const PAY_RAIL_ATTEMPT_MAX_ATTEMPTS = 12;

/**
 * Claims a ready (or failed, for a retry) payout for `rail`. `preflight` is what the rail read
 * before (outside the transaction); when omitted the rail's own preflight runs first.
 */
export async function claimRailPayout(
  rail: Rail,
  shopId: string,
  payoutId: string,
  actor: Actor,
  options: { preflight?: unknown } = {},
): Promise<ClaimedRailPayout> {
  let preflight = options.preflight;
  if (!("preflight" in options) && rail.preflight) {
    const peek = await runPayoutTransaction((tx) => findPayoutForChange(tx, shopId, payoutId));
    preflight = await rail.preflight(shopId, peek);
  }
  return runPayoutTransaction((tx) => claimInTransaction(tx, rail, shopId, payoutId, actor, preflight));
}

/**
 * The claim's writes, in the caller's transaction. With `batchKey` the payout is claimed as an
 * item of that batch: its attempt row holds its item and names the batch, and no job is queued
 * for it (the batch's job sends it, see claim-rail-batch.server.ts).
 */
export async function claimInTransaction(
  tx: DbTransaction,
  rail: Rail,
  shopId: string,
  payoutId: string,
  actor: Actor,
  preflight: unknown,
  batchKey?: string,
): Promise<ClaimedRailPayout> {
  const payout = await findPayoutForChange(tx, shopId, payoutId);
  const retry = payout.status === "failed";
  if (retry) payoutStatusMachine.assertTransition("failed", "ready");
  payoutStatusMachine.assertTransition(retry ? "ready" : payout.status, "processing");
  const destination = await rail.destination(tx, shopId, payout, preflight);

  const attempt = payout.attemptCount + 1;
  const claimedAt = now();
  await updatePayoutIfStatus(
    tx,
    { shopId, payoutId, expected: payout.status },
    {
      status: "processing",
      channel: rail.name,
      attemptCount: attempt,
      statusReason: null,
      processedBy: actorLabel(actor),
      processedAt: claimedAt,
    },
  );
  // The payout-hold door (a missing W-9, later flags and approvals): no rail pays a held payout.
  await assertPayoutMayBePaid(tx, shopId, payout);
  // Read after the compare-and-set: the row is locked, so the items cannot change any more.
  const amountMinor = await readActivePayoutTotal(tx, shopId, payoutId);
  if (amountMinor <= 0) {
    throw new DomainError("nothing_to_transfer", "This payout's items add up to nothing to pay. Cancel it instead.", { amountMinor });
  }
  const prepared = await rail.prepare({ tx, shopId, payout, attempt, amountMinor, claimedAt, destination, preflight, batchKey });
  const row = await tx.payoutAttempt.create({
    data: {
      shopId,
      payoutId,
      attempt,
      rail: rail.name,
      idempotencyKey: prepared.idempotencyKey,
      params: prepared.request as Prisma.InputJsonObject,
      status: "pending",
      createdAt: claimedAt,
      batchKey: batchKey ?? null,
    },
    select: { id: true },
  });
  await recordPayoutChange(tx, {
    shopId,
    payoutId,
    action: retry ? `payout.${rail.name}_retried` : `payout.${rail.name}_claimed`,
    actor,
    draft: null,
    payoutBefore: payout,
    before: { status: payout.status },
    after: { status: "processing", ...(retry ? { via: "ready" } : {}), attempt, amountMinor, ...prepared.audit },
  });
  if (batchKey === undefined)
    await enqueueJob(tx, rail.job, { attemptId: row.id }, { jobKey: `pay_${row.id}`, maxAttempts: PAY_RAIL_ATTEMPT_MAX_ATTEMPTS });
  return { status: "processing", payoutId, rail: rail.name, attempt, attemptId: row.id, idempotencyKey: prepared.idempotencyKey };
}
