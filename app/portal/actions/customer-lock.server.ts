import { Prisma } from "@prisma/client";
import type { DbTransaction } from "../../db.server";

/**
 * Serialises everything that links a storefront customer to a creator (accepting an invitation,
 * applying) for one shop and customer until the transaction ends: Creator has no unique key on
 * the customer id (unlinked creators share null), so two concurrent links could both pass a check.
 */
export async function lockCustomerLinks(tx: DbTransaction, shopId: string, shopifyCustomerId: string): Promise<void> {
  await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended(${`customer-link:${shopId}:${shopifyCustomerId}`}, 0))`);
}
