import { Prisma } from "@prisma/client";
import type { DbTransaction } from "../db.server";

/**
 * Serialises all work on one Shopify order (deliveries, refunds, hold release) across app
 * instances: a transaction-scoped advisory lock, which works before the order's row exists.
 */
export async function lockOrder(tx: DbTransaction, shopId: string, shopifyOrderId: string) {
  await tx.$executeRaw(
    Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended(${`order:${shopId}:${shopifyOrderId}`}, 0))`,
  );
}
