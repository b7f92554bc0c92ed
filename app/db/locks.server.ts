// Every lock the app takes, in one place. All of them last until the caller's transaction ends:
// row locks (`SELECT … FOR UPDATE`) for rows that exist, transaction-scoped advisory locks for
// things that have no row (yet).
import { Prisma, type Payout } from "@prisma/client";
import type { DbTransaction } from "../db.server";
import { payoutNotFound } from "../payouts/payout-errors";

/**
 * Serialises all work on one Shopify order (deliveries, refunds, hold release) across app
 * instances: a transaction-scoped advisory lock, which works before the order's row exists.
 */
export async function lockOrder(tx: DbTransaction, shopId: string, shopifyOrderId: string) {
  await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended(${`order:${shopId}:${shopifyOrderId}`}, 0))`);
}

/**
 * lockOrder for many orders at once (a set-based batch): the same locks, taken in one statement in
 * sorted order, so two batches that share orders (or a batch and a single delivery) never
 * deadlock.
 */
export async function lockOrders(tx: DbTransaction, orders: readonly { shopId: string; shopifyOrderId: string }[]) {
  const keys = [...new Set(orders.map((o) => `order:${o.shopId}:${o.shopifyOrderId}`))].sort();
  if (keys.length === 0) return;
  await tx.$executeRaw(Prisma.sql`
    SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(${keys}::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n`);
}

/**
 * Serialises everything that links a storefront customer to a creator (accepting an invitation,
 * applying) for one shop and customer until the transaction ends: Creator has no unique key on
 * the customer id (unlinked creators share null), so two concurrent links could both pass a check.
 */
export async function lockCustomerLinks(tx: DbTransaction, shopId: string, shopifyCustomerId: string): Promise<void> {
  await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended(${`customer-link:${shopId}:${shopifyCustomerId}`}, 0))`);
}

/** One scheduler at a time per shop decides whether a scheduled payout run is due. */
export async function lockPayoutRunSchedule(tx: DbTransaction, shopId: string): Promise<void> {
  await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(hashtext(${`payout_run_schedule:${shopId}`}))`);
}

/** Locks one creator of the shop (changes to its onboarding link queue up); false when there is none. */
export async function lockCreator(tx: DbTransaction, shopId: string, creatorId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<
    { id: string }[]
  >`SELECT "id" FROM "Creator" WHERE "id" = ${creatorId} AND "shopId" = ${shopId} FOR UPDATE`;
  return rows.length > 0;
}

/** Locks the shop's creator with this Stripe account: two events about one account are worked one after the other. */
export async function lockCreatorByStripeAccount(tx: DbTransaction, shopId: string, stripeAccountId: string): Promise<void> {
  await tx.$executeRaw`SELECT 1 FROM "Creator" WHERE "shopId" = ${shopId} AND "stripeAccountId" = ${stripeAccountId} FOR UPDATE`;
}

/** Locks a payout run of the shop and reads its status (canceling waits for the job's in-flight group). */
export async function lockPayoutRun(tx: DbTransaction, shopId: string, runId: string): Promise<{ status: string } | undefined> {
  const [run] = await tx.$queryRaw<{ status: string }[]>(
    Prisma.sql`SELECT "status"::text FROM "PayoutRun" WHERE "id" = ${runId} AND "shopId" = ${shopId} FOR UPDATE`,
  );
  return run;
}

/** Tables whose rows app/deals locks before a status move (a fixed list: never a caller's string). */
export type LockableTable = "Deliverable" | "FixedFee" | "PayoutRequest";

/**
 * `SELECT … FOR UPDATE` on one row of the shop: concurrent moves of the same row queue up
 * and each sees the status the previous one committed. Returns false when no such row exists
 * in the shop.
 */
export async function lockRowForUpdate(tx: DbTransaction, table: LockableTable, shopId: string, id: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT "id" FROM ${Prisma.raw(`"${table}"`)} WHERE "id" = ${id} AND "shopId" = ${shopId} FOR UPDATE`);
  return rows.length > 0;
}

/**
 * Locks the creator's balance in one currency until the caller's transaction ends (DOMAIN.md §4
 * "creating a payout locks the creator's balance"). Payouts for the same creator and currency are
 * therefore created one at a time, each seeing what the previous one reserved.
 */
export async function lockCreatorBalance(tx: DbTransaction, lock: { shopId: string; creatorId: string; currency: string }): Promise<void> {
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO "CreatorBalanceLock" ("shopId", "creatorId", "currency")
    VALUES (${lock.shopId}, ${lock.creatorId}, ${lock.currency})
    ON CONFLICT DO NOTHING`);
  await tx.$queryRaw(Prisma.sql`
    SELECT 1 FROM "CreatorBalanceLock"
    WHERE "shopId" = ${lock.shopId} AND "creatorId" = ${lock.creatorId} AND "currency" = ${lock.currency}
    FOR UPDATE`);
}

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
