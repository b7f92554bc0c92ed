import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { db } from "../db.server";
import { isDomainError } from "../domain/errors";
import { now } from "../lib/clock.server";
import { cancelPayout } from "../payouts/cancel-payout.server";
import { payoutRunNotFound } from "./payout-run-errors";
import { PAYOUT_RUN_SUBJECT } from "./start-payout-run.server";
import { lockPayoutRun } from "../db/locks.server";
import { withTransaction } from "../db/transaction.server";

/** A run's payouts in these statuses are canceled with it; from `processing` on, money may be moving. */
const CANCELED_WITH_RUN = ["draft", "pending_review", "ready"] as const;

export interface CanceledPayoutRun {
  canceledPayouts: number;
  /** Payouts left as they are: already processing, paid, failed, or changed by someone meanwhile. */
  keptPayouts: { payoutId: string; status: string }[];
}

/**
 * Cancels a run as a whole: the run is marked canceled first (waiting for the job's in-flight
 * payout, see payGroup), then each of its payouts not yet processing is canceled on its own, so
 * its items return to payable. Calling it again on a canceled run finishes what a crash left.
 */
export async function cancelPayoutRun(shopId: string, runId: string, actor: Actor): Promise<CanceledPayoutRun> {
  await withTransaction("short", async (tx) => {
    const run = await lockPayoutRun(tx, shopId, runId);
    if (!run) throw payoutRunNotFound(runId);
    if (run.status === "canceled") return;
    await tx.payoutRun.update({ where: { id: runId }, data: { status: "canceled", finishedAt: now() } });
    await recordAuditEvent(tx, {
      shopId,
      actor,
      action: "payout_run.canceled",
      subject: { type: PAYOUT_RUN_SUBJECT, id: runId },
      before: { status: run.status },
      after: { status: "canceled" },
    });
  });

  const payouts = await db().payout.findMany({
    where: { shopId, runId },
    select: { id: true, status: true },
    orderBy: { createdAt: "asc" },
  });
  let canceledPayouts = 0;
  const keptPayouts: CanceledPayoutRun["keptPayouts"] = [];
  for (const payout of payouts) {
    if (payout.status === "canceled") continue;
    if (!(CANCELED_WITH_RUN as readonly string[]).includes(payout.status)) {
      keptPayouts.push({ payoutId: payout.id, status: payout.status });
      continue;
    }
    try {
      await cancelPayout(shopId, payout.id, actor, "The payout run was canceled.");
      canceledPayouts += 1;
    } catch (error) {
      // Someone moved it on meanwhile (e.g. started paying it): it stays, and the merchant sees it.
      if (!isDomainError(error)) throw error;
      const current = await db().payout.findUnique({ where: { id: payout.id }, select: { status: true } });
      keptPayouts.push({ payoutId: payout.id, status: current?.status ?? "unknown" });
    }
  }
  return { canceledPayouts, keptPayouts };
}
