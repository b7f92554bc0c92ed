import { Prisma } from "@prisma/client";
import type { DbTransaction } from "../db.server";
import { creatorBalancesSql } from "../ledger/read-balances.server";
import { toMinorNumber } from "../ledger/to-minor-number";
import type { AvailablePayableItem } from "./choose-payout-items";

export interface AvailablePayable {
  /** The creator's `payable` ledger balance in this currency. */
  ledgerPayableMinor: number;
  /** Payable items in no active payout, not split, not rejected. */
  items: AvailablePayableItem[];
}

/**
 * The ledger balance and the available items, read by ONE statement so both come from the same
 * snapshot: a hold release or clawback committing meanwhile cannot make them disagree.
 */
export async function readAvailablePayable(
  tx: DbTransaction,
  where: { shopId: string; creatorId: string; currency: string },
): Promise<AvailablePayable> {
  const { shopId, creatorId, currency } = where;
  const rows = await tx.$queryRaw<
    { ledgerPayable: bigint; id: string | null; amountMinor: bigint | null; payableSince: Date | null }[]
  >(Prisma.sql`
    WITH balance AS (
      SELECT COALESCE(SUM(b.payable), 0)::bigint AS "ledgerPayable" FROM (${creatorBalancesSql(shopId, creatorId, currency)}) b
    ), available AS (
      SELECT p."id", p."amountMinor", p."payableSince"
      FROM "PayableItem" p
      WHERE p."shopId" = ${shopId} AND p."creatorId" = ${creatorId} AND p."currency" = ${currency}
        AND p."splitAt" IS NULL AND p."rejectedAt" IS NULL
        AND NOT EXISTS (
          SELECT 1 FROM "PayoutItem" held WHERE held."payableItemId" = p."id" AND held."state" = 'active'
        )
    )
    SELECT balance."ledgerPayable", available.* FROM balance LEFT JOIN available ON true`);
  return {
    ledgerPayableMinor: toMinorNumber(rows[0]?.ledgerPayable ?? 0n),
    items: rows
      .filter((row) => row.id !== null)
      .map((row) => ({ id: row.id!, amountMinor: toMinorNumber(row.amountMinor), payableSince: row.payableSince! })),
  };
}
