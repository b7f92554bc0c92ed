import type { Payout, Prisma } from "@prisma/client";
import type { DbTransaction } from "../db.server";
import type { PayoutStatus } from "../domain/status/payout-status";
import { toMinorNumber } from "../ledger/to-minor-number";
import { payoutConflict, payoutNotFound } from "./payout-errors";

/** The payout as the person acting saw it (re-read inside the transaction of the change). */
export async function findPayoutForChange(tx: DbTransaction, shopId: string, payoutId: string): Promise<Payout> {
  const payout = await tx.payout.findFirst({ where: { id: payoutId, shopId } });
  if (!payout) throw payoutNotFound(payoutId);
  return payout;
}

/**
 * Updates the payout only if it is still in `expected` status (compare-and-set). The UPDATE waits
 * for any concurrent change to the row and re-checks the status afterwards, so of two racing
 * changes exactly one applies and the other gets payout_conflict. The row stays locked until the
 * transaction ends, so the items read after this call cannot change underneath.
 */
export async function updatePayoutIfStatus(
  tx: DbTransaction,
  target: { shopId: string; payoutId: string; expected: PayoutStatus },
  data: Prisma.PayoutUpdateManyMutationInput,
): Promise<void> {
  const { count } = await tx.payout.updateMany({
    where: { id: target.payoutId, shopId: target.shopId, status: target.expected },
    data,
  });
  if (count === 1) return;
  const current = await tx.payout.findFirst({
    where: { id: target.payoutId, shopId: target.shopId },
    select: { status: true },
  });
  throw payoutConflict(current?.status ?? null);
}

/** A payout's amount: the sum of its active items (no amount is stored). */
export async function readActivePayoutTotal(tx: DbTransaction, shopId: string, payoutId: string): Promise<number> {
  const sum = await tx.payoutItem.aggregate({
    where: { shopId, payoutId, state: "active" },
    _sum: { amountMinor: true },
  });
  return toMinorNumber(sum._sum.amountMinor);
}
