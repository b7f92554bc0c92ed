import type { Prisma } from "@prisma/client";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import type { DbTransaction } from "../db.server";
import { commissionStatusMachine, type CommissionStatus } from "../domain/status/commission-status";
import { fixedFeeStatusMachine, type FixedFeeStatus } from "../domain/status/fixed-fee-status";

/** What a payable item pays for, when it has a status of its own (adjustments and clawbacks do not). */
export type PayableSource = { type: "commission"; id: string } | { type: "fixed_fee"; id: string };

export function payableSourceOf(item: { commissionId: string | null; fixedFeeId: string | null }): PayableSource | null {
  if (item.commissionId) return { type: "commission", id: item.commissionId };
  if (item.fixedFeeId) return { type: "fixed_fee", id: item.fixedFeeId };
  return null;
}

/**
 * Brings a commission's or fee's status in line with its payable items, once none is still open:
 * `paid` when any part was paid, else `rejected` (commission) / `canceled` (fee). A commission can
 * have several payable items (a split, a top-up after approval), so one paid payout does not make
 * it paid while another part still waits. Returns the new status, or null when nothing changed.
 */
export async function settlePayableSource(
  tx: DbTransaction,
  shopId: string,
  source: PayableSource,
  actor: Actor,
  reason?: string,
): Promise<string | null> {
  const ofSource: Prisma.PayableItemWhereInput = {
    shopId,
    splitAt: null, // a split parent is represented by its children
    ...(source.type === "commission" ? { commissionId: source.id } : { fixedFeeId: source.id }),
  };
  const inPaidPayout: Prisma.PayoutItemWhereInput = { state: "active", payout: { status: "paid" } };
  const open = await tx.payableItem.count({ where: { ...ofSource, rejectedAt: null, payoutItems: { none: inPaidPayout } } });
  const paid = await tx.payableItem.count({ where: { ...ofSource, payoutItems: { some: inPaidPayout } } });
  if (open > 0) return null;

  if (source.type === "commission") {
    const target: CommissionStatus = paid > 0 ? "paid" : "rejected";
    const current = await tx.commission.findFirstOrThrow({ where: { id: source.id, shopId }, select: { status: true } });
    if (!commissionStatusMachine.canTransition(current.status, target)) return null;
    const statusReason = target === "rejected" ? (reason ?? "rejected from a payout") : undefined;
    await tx.commission.updateMany({ where: { id: source.id, shopId, status: current.status }, data: { status: target, statusReason } });
    await recordSourceChange(tx, shopId, source, actor, current.status, target, reason);
    return target;
  }
  const target: FixedFeeStatus = paid > 0 ? "paid" : "canceled";
  const current = await tx.fixedFee.findFirstOrThrow({ where: { id: source.id, shopId }, select: { status: true } });
  if (!fixedFeeStatusMachine.canTransition(current.status, target)) return null;
  await tx.fixedFee.updateMany({ where: { id: source.id, shopId, status: current.status }, data: { status: target } });
  await recordSourceChange(tx, shopId, source, actor, current.status, target, reason);
  return target;
}

function recordSourceChange(
  tx: DbTransaction,
  shopId: string,
  source: PayableSource,
  actor: Actor,
  from: string,
  to: string,
  reason: string | undefined,
) {
  return recordAuditEvent(tx, {
    shopId,
    actor,
    action: `${source.type}.${to}`,
    subject: source,
    before: { status: from },
    after: { status: to, ...(reason ? { reason } : {}) },
  });
}

/** After a payout is paid: settles every commission and fee its active items pay for (once each). */
export async function settlePaidPayoutSources(tx: DbTransaction, shopId: string, payoutId: string, actor: Actor): Promise<void> {
  const paidItems = await tx.payableItem.findMany({
    where: { shopId, payoutItems: { some: { payoutId, state: "active" } } },
    select: { commissionId: true, fixedFeeId: true },
  });
  const sources = new Map(
    paidItems
      .map(payableSourceOf)
      .filter((s) => s !== null)
      .map((s) => [`${s.type}:${s.id}`, s]),
  );
  for (const source of sources.values()) await settlePayableSource(tx, shopId, source, actor);
}
