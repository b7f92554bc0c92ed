import { Prisma } from "@prisma/client";
import type { DbTransaction } from "../db.server";

/** Tables whose rows app/deals locks before a status move (a fixed list: never a caller's string). */
export type LockableTable = "Deliverable" | "FixedFee" | "PayoutRequest";

/**
 * `SELECT … FOR UPDATE` on one row of the shop: concurrent moves of the same row queue up
 * and each sees the status the previous one committed. Returns false when no such row exists
 * in the shop.
 */
export async function lockRowForUpdate(
  tx: DbTransaction,
  table: LockableTable,
  shopId: string,
  id: string,
): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT "id" FROM ${Prisma.raw(`"${table}"`)} WHERE "id" = ${id} AND "shopId" = ${shopId} FOR UPDATE`);
  return rows.length > 0;
}
