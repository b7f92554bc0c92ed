// The ledger's side of reconciliation, for one rail: the payouts whose movement in_payout →
// paid_<rail> was posted in the range (the amount is the movement's own), and the payouts the
// rail's records name (whatever their status, so a payment for a payout still processing shows as
// "not in the ledger"). Scoped to the shop: another shop's payout is never read.
import type { LedgerAccount, LedgerTransactionKind } from "@prisma/client";
import { db } from "../db.server";
import type { InstantRange } from "../domain/calendar";
import type { LedgerPayout } from "../domain/reconcile-rail-payments";
import type { RailName } from "../rails/rail";

export async function readLedgerRailPayouts(
  shopId: string,
  rail: RailName,
  range: InstantRange,
  namedPayoutIds: readonly string[],
): Promise<LedgerPayout[]> {
  const kind = `pay_${rail}` as LedgerTransactionKind;
  const account = `paid_${rail}` as LedgerAccount;
  const movements = await db().ledgerTransaction.findMany({
    where: { shopId, kind, subjectType: "payout", postedAt: { gte: range.start, lt: range.end } },
    select: { subjectId: true, postedAt: true, entries: { where: { account }, select: { amountMinor: true, currency: true } } },
  });
  const payoutIds = [...new Set([...movements.map((m) => m.subjectId), ...namedPayoutIds])];
  const payouts = await db().payout.findMany({
    where: { shopId, id: { in: payoutIds } },
    select: { id: true, status: true, channel: true, currency: true, creator: { select: { name: true } } },
  });
  const movementOf = new Map(movements.map((m) => [m.subjectId, m]));
  return payouts.flatMap((payout): LedgerPayout[] => {
    const movement = movementOf.get(payout.id);
    // A payout paid on another rail is that rail's to reconcile.
    if (!movement && payout.channel !== rail) return [];
    const paid = movement?.entries[0];
    return [
      {
        payoutId: payout.id,
        creatorName: payout.creator.name,
        amountMinor: paid ? Math.abs(Number(paid.amountMinor)) : 0,
        currency: paid?.currency ?? payout.currency,
        status: movement ? payout.status : payout.status === "paid" ? "paid_elsewhere" : payout.status,
        paidAt: movement?.postedAt ?? null,
      },
    ];
  });
}
