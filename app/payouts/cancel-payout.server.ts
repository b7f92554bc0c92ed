import type { Payout } from "@prisma/client";
import type { Actor } from "../audit/actor";
import type { DbTransaction } from "../db.server";
import { cancelPayout as releaseReservationDraft } from "../domain/ledger";
import { payoutStatusMachine } from "../domain/status/payout-status";
import { now } from "../lib/clock.server";
import { findPayoutForChange, readActivePayoutTotal, updatePayoutIfStatus } from "./change-payout-status.server";
import type { PayoutSnapshotSource } from "./payout-audit-snapshot";
import { recordPayoutChange } from "./record-payout-change.server";
import { runPayoutTransaction } from "./run-payout-transaction.server";

export interface CanceledPayout {
  status: "canceled";
  /** What went back from in_payout to payable. */
  releasedMinor: number;
}

/** The merchant cancels a payout not yet being paid (or one that failed): its items return to payable. */
export function cancelPayout(shopId: string, payoutId: string, actor: Actor, reason?: string): Promise<CanceledPayout> {
  return runPayoutTransaction(async (tx) => {
    const payout = await findPayoutForChange(tx, shopId, payoutId);
    return cancelPayoutInTransaction(tx, payout, actor, { reason, action: "payout.canceled" });
  });
}

/**
 * Cancels `payout` (as read in this transaction) inside the caller's transaction: status canceled,
 * every active item released, the reservation returned (in_payout → payable). Also used when
 * removing items leaves a payout with nothing to pay.
 */
export async function cancelPayoutInTransaction(
  tx: DbTransaction,
  payout: Pick<Payout, "id" | "shopId" | "creatorId"> & PayoutSnapshotSource,
  actor: Actor,
  options: { reason?: string; action: string },
): Promise<CanceledPayout> {
  const { id: payoutId, shopId } = payout;
  payoutStatusMachine.assertTransition(payout.status, "canceled");
  await updatePayoutIfStatus(
    tx,
    { shopId, payoutId, expected: payout.status },
    { status: "canceled", canceledAt: now(), statusReason: options.reason ?? null },
  );
  // Read after the compare-and-set: the payout row is locked now, so this total is final.
  const releasedMinor = await readActivePayoutTotal(tx, shopId, payoutId);
  await tx.payoutItem.updateMany({ where: { shopId, payoutId, state: "active" }, data: { state: "released" } });
  await recordPayoutChange(tx, {
    shopId,
    payoutId,
    action: options.action,
    actor,
    // Items that net to zero reserved nothing, so there is nothing to return.
    draft:
      releasedMinor === 0
        ? null
        : releaseReservationDraft({ creatorId: payout.creatorId, currency: payout.currency, amountMinor: releasedMinor }),
    movement: "cancel",
    payoutBefore: payout,
    before: { status: payout.status },
    after: { status: "canceled", reason: options.reason ?? null, releasedMinor },
  });
  return { status: "canceled", releasedMinor };
}
