import { Prisma } from "@prisma/client";
import type { DbTransaction } from "../db.server";
import type { DisplayMinor } from "../domain/money";
import { readCreatorDisplayBalances } from "../ledger/read-balances.server";
import { addDisplayMinor, toDisplayMinor } from "../ledger/to-minor-number";

/** Exact sums, however large (a bigint past 2^53: see toDisplayMinor). */
export interface CreatorMoney {
  currency: string;
  heldMinor: DisplayMinor;
  gatedMinor: DisplayMinor;
  payableMinor: DisplayMinor;
  inPayoutMinor: DisplayMinor;
  /** Sum of the creator's paid payouts (their active items), in this currency. */
  paidMinor: DisplayMinor;
  /**
   * Everything earned and not taken back: held + payable + in payout + paid. Gated fees are
   * promised, not yet earned, so they are left out.
   */
  lifetimeEarningsMinor: DisplayMinor;
}

/** The deal page's balances, one row per currency the creator has money or payouts in. */
export async function readCreatorMoney(
  tx: DbTransaction,
  shopId: string,
  creatorId: string,
  shopCurrency: string,
): Promise<CreatorMoney[]> {
  const balances = await readCreatorDisplayBalances(shopId, [creatorId], tx);
  const paid = await tx.$queryRaw<{ currency: string; paid: bigint }[]>(Prisma.sql`
      SELECT p."currency", COALESCE(SUM(i."amountMinor"), 0) AS paid
      FROM "Payout" p JOIN "PayoutItem" i ON i."payoutId" = p."id" AND i."shopId" = p."shopId" AND i."state" = 'active'
      WHERE p."shopId" = ${shopId} AND p."creatorId" = ${creatorId} AND p."status" = 'paid'
      GROUP BY p."currency"`);
  const currencies = new Set<string>([shopCurrency, ...balances.map((b) => b.currency), ...paid.map((p) => p.currency)]);
  return [...currencies].sort().map((currency) => {
    const balance = balances.find((b) => b.currency === currency);
    const paidMinor = toDisplayMinor(paid.find((p) => p.currency === currency)?.paid ?? 0n);
    const heldMinor = balance?.held ?? 0;
    const payableMinor = balance?.payable ?? 0;
    const inPayoutMinor = balance?.inPayout ?? 0;
    return {
      currency,
      heldMinor,
      gatedMinor: balance?.gated ?? 0,
      payableMinor,
      inPayoutMinor,
      paidMinor,
      lifetimeEarningsMinor: addDisplayMinor(heldMinor, payableMinor, inPayoutMinor, paidMinor),
    };
  });
}
