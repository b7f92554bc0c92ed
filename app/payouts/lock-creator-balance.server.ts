import { Prisma } from "@prisma/client";
import type { DbTransaction } from "../db.server";

/**
 * Locks the creator's balance in one currency until the caller's transaction ends (DOMAIN.md §4
 * "creating a payout locks the creator's balance"). Payouts for the same creator and currency are
 * therefore created one at a time, each seeing what the previous one reserved.
 */
export async function lockCreatorBalance(
  tx: DbTransaction,
  lock: { shopId: string; creatorId: string; currency: string },
): Promise<void> {
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO "CreatorBalanceLock" ("shopId", "creatorId", "currency")
    VALUES (${lock.shopId}, ${lock.creatorId}, ${lock.currency})
    ON CONFLICT DO NOTHING`);
  await tx.$queryRaw(Prisma.sql`
    SELECT 1 FROM "CreatorBalanceLock"
    WHERE "shopId" = ${lock.shopId} AND "creatorId" = ${lock.creatorId} AND "currency" = ${lock.currency}
    FOR UPDATE`);
}
