import { Prisma, type Payout } from "@prisma/client";
import type { DbTransaction } from "../db.server";
import { payoutNotFound } from "../payouts/payout-errors";

/**
 * Locks the payout row for the rest of the transaction and reads it: the job, the sweeper and
 * Stripe's webhooks may settle the same attempt at once, and only one of them may move money.
 */
export async function lockPayout(tx: DbTransaction, shopId: string, payoutId: string): Promise<Payout> {
  await tx.$executeRaw(Prisma.sql`SELECT 1 FROM "Payout" WHERE "id" = ${payoutId} AND "shopId" = ${shopId} FOR UPDATE`);
  const payout = await tx.payout.findFirst({ where: { id: payoutId, shopId } });
  if (!payout) throw payoutNotFound(payoutId);
  return payout;
}
