// The money model's invariants read back from the database, for tests that must prove an
// operation kept them (or, refused, wrote nothing).
import { Prisma } from "@prisma/client";
import { db } from "~/db.server";
import { toMinorNumber } from "~/ledger/to-minor-number";

/** Rows a refused operation must not have written. */
export async function rowCounts(shopId: string) {
  const [payouts, payoutItems, payableItems, ledgerTransactions, auditEvents, balanceLocks, shop] = await Promise.all([
    db().payout.count({ where: { shopId } }),
    db().payoutItem.count({ where: { shopId } }),
    db().payableItem.count({ where: { shopId } }),
    db().ledgerTransaction.count({ where: { shopId } }),
    db().auditEvent.count({ where: { shopId } }),
    db().creatorBalanceLock.count({ where: { shopId } }),
    db().shop.findUniqueOrThrow({ where: { id: shopId }, select: { nextInvoiceNumber: true } }),
  ]);
  return { payouts, payoutItems, payableItems, ledgerTransactions, auditEvents, balanceLocks, nextInvoiceNumber: shop.nextInvoiceNumber };
}

async function sum(query: Prisma.Sql): Promise<number> {
  const rows = await db().$queryRaw<{ total: bigint | null }[]>(query);
  return toMinorNumber(rows[0]?.total ?? 0n);
}

/**
 * The money model's invariants for one creator and currency, each side computed independently:
 * the ledger on one side, payable items and payouts on the other.
 */
export async function readMoneyInvariants(shopId: string, creatorId: string, currency = "USD") {
  const ledger = (account: string, creator: string | null) =>
    sum(Prisma.sql`SELECT SUM("amountMinor") AS total FROM "LedgerEntry"
      WHERE "shopId" = ${shopId} AND "currency" = ${currency} AND "account" = ${account}::"LedgerAccount"
        AND "creatorId" IS NOT DISTINCT FROM ${creator}`);
  return {
    ledgerPayable: await ledger("payable", creatorId),
    availableItems: await sum(Prisma.sql`SELECT SUM(p."amountMinor") AS total FROM "PayableItem" p
      WHERE p."shopId" = ${shopId} AND p."creatorId" = ${creatorId} AND p."currency" = ${currency}
        AND p."splitAt" IS NULL AND p."rejectedAt" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "PayoutItem" i WHERE i."payableItemId" = p."id" AND i."state" = 'active')`),
    ledgerInPayout: await ledger("in_payout", creatorId),
    activeItemsOfOpenPayouts: await sum(Prisma.sql`SELECT SUM(i."amountMinor") AS total
      FROM "PayoutItem" i JOIN "Payout" p ON p."id" = i."payoutId"
      WHERE p."shopId" = ${shopId} AND p."creatorId" = ${creatorId} AND p."currency" = ${currency}
        AND i."state" = 'active' AND p."status" NOT IN ('paid', 'canceled', 'reversed')`),
    ledgerPaidOffline: await ledger("paid_offline", null),
    ledgerPaidStripe: await ledger("paid_stripe", null),
    paidPayouts: await sum(Prisma.sql`SELECT SUM(i."amountMinor") AS total
      FROM "PayoutItem" i JOIN "Payout" p ON p."id" = i."payoutId"
      WHERE p."shopId" = ${shopId} AND p."currency" = ${currency} AND i."state" = 'active' AND p."status" = 'paid'`),
    itemsInTwoActivePayouts: await sum(Prisma.sql`SELECT COUNT(*) AS total FROM (
      SELECT "payableItemId" FROM "PayoutItem" WHERE "shopId" = ${shopId} AND "state" = 'active'
      GROUP BY "payableItemId" HAVING COUNT(*) > 1) doubles`),
    unbalancedTransactions: await sum(Prisma.sql`SELECT COUNT(*) AS total FROM (
      SELECT "transactionId" FROM "LedgerEntry" WHERE "shopId" = ${shopId}
      GROUP BY "transactionId", "currency" HAVING SUM("amountMinor") <> 0) unbalanced`),
    payoutsPayingNothing: await sum(Prisma.sql`SELECT COUNT(*) AS total FROM (
      SELECT p."id" FROM "Payout" p LEFT JOIN "PayoutItem" i ON i."payoutId" = p."id" AND i."state" = 'active'
      WHERE p."shopId" = ${shopId} AND p."status" <> 'canceled'
      GROUP BY p."id" HAVING COALESCE(SUM(i."amountMinor"), 0) <= 0) empty`),
  };
}

/** The invariants that do not hold, in words (empty when all hold). */
export function brokenMoneyInvariants(invariants: Awaited<ReturnType<typeof readMoneyInvariants>>): string[] {
  const broken: string[] = [];
  if (invariants.ledgerPayable !== invariants.availableItems) broken.push("ledger payable ≠ available payable items");
  if (invariants.ledgerInPayout !== invariants.activeItemsOfOpenPayouts) broken.push("ledger in_payout ≠ active items of open payouts");
  // Every paid payout was paid on one rail: the paid_* accounts together equal the paid payouts.
  if (invariants.ledgerPaidOffline + invariants.ledgerPaidStripe !== invariants.paidPayouts) {
    broken.push("ledger paid_offline + paid_stripe ≠ paid payouts");
  }
  if (invariants.itemsInTwoActivePayouts !== 0) broken.push("a payable item is active in two payouts");
  if (invariants.unbalancedTransactions !== 0) broken.push("an unbalanced ledger transaction");
  if (invariants.payoutsPayingNothing !== 0) broken.push("a payout that is not canceled pays nothing");
  return broken;
}
