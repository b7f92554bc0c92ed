// The fast path of a payout run: one transaction pays a whole batch of creators, set-based. One
// statement selects what to pay and writes it through the payout writer's set-based form
// (insertSelectedPayouts: invoice numbers, payouts, items by INSERT … SELECT, then the reserve
// ledger transactions with their audit events), so the items never travel to JavaScript and the
// rows are the ones createPayout writes (tests/integration/payout-runs-bulk.test.ts). A run pays
// everything payable up to the end of its range, so there is never a split; any group the
// statement does not pay (drift, nothing payable, below the minimum, creator gone or held, an
// open payout request) is left to createPayout, which pays it or explains why.
import { Prisma } from "@prisma/client";
import type { Actor } from "../audit/actor";
import type { DbTransaction } from "../db.server";
import { creatorAccountBalanceSql } from "../ledger/read-balances.server";
import { now } from "../lib/clock.server";
import { notifyPayoutsInBulk } from "../notifications/notify-payout-status.server";
import { initialPayoutStatus } from "../domain/status/payout-status";
import { insertSelectedPayouts } from "../payouts/insert-payouts.server";
import { lockOpenRequests, requestGroupKey } from "../payout-requests/satisfy-open-requests.server";

export interface BulkRunGroup {
  creatorId: string;
  currency: string;
  /** The minimum for this currency; null when none applies (not honoured or not set). */
  minimumMinor: number | null;
}

export interface BulkRunPayoutsInput {
  shopId: string;
  runId: string;
  actor: Actor;
  /** Only positive items payable at or before this instant; negative items are always netted. */
  payableUntil: Date;
  groups: readonly BulkRunGroup[];
}

export interface BulkCreatedPayout {
  creatorId: string;
  currency: string;
  payoutId: string;
  amountMinor: number;
  invoiceLabel: string | null;
}

/**
 * Locks the batch's creator balances (FOR UPDATE, in a stable order, so two batches or a batch and
 * createPayout never deadlock) and pays every group whose available items agree with its ledger
 * balance and whose eligible total is positive and at least its minimum. Items and balances are
 * read, and the payouts and items written, by ONE statement: one snapshot taken after the locks.
 * Returns the payouts created, in batch order; groups missing from the result were not touched.
 * Creators whose payouts are held are left to createPayout too; each creator paid is emailed.
 * Must run inside the caller's transaction.
 */
export async function createRunPayoutsInBulk(tx: DbTransaction, input: BulkRunPayoutsInput): Promise<BulkCreatedPayout[]> {
  const { shopId, runId, actor, payableUntil, groups } = input;
  if (groups.length === 0) return [];
  const locks = JSON.stringify(groups.map(({ creatorId, currency }) => ({ creatorId, currency })));

  await tx.$executeRaw(Prisma.sql`
    INSERT INTO "CreatorBalanceLock" ("shopId", "creatorId", "currency")
    SELECT ${shopId}, g."creatorId", g."currency"
    FROM jsonb_to_recordset(${locks}::jsonb) AS g("creatorId" text, "currency" text)
    ORDER BY g."creatorId", g."currency"
    ON CONFLICT DO NOTHING`);
  await tx.$executeRaw(Prisma.sql`
    SELECT 1 FROM "CreatorBalanceLock" l
    WHERE l."shopId" = ${shopId}
      AND ("creatorId", "currency") IN (SELECT g."creatorId", g."currency" FROM jsonb_to_recordset(${locks}::jsonb) AS g("creatorId" text, "currency" text))
    ORDER BY l."creatorId", l."currency"
    FOR UPDATE OF l`);

  // Open payout requests: a group with one is left to createPayout, which satisfies what the
  // payout covers or refuses a payout that would strand one (the rule is app/domain/open-requests.ts,
  // in JavaScript; such groups are few). Read under a row lock, after the balance locks.
  const open = await lockOpenRequests(tx, shopId, groups);
  const toPay = groups.flatMap((group, ord) => (open.has(requestGroupKey(group.creatorId, group.currency)) ? [] : [{ ...group, ord }]));
  if (toPay.length === 0) return [];
  const batch = JSON.stringify(toPay.map(({ ord, creatorId, currency, minimumMinor }) => ({ ord, creatorId, currency, minimumMinor })));

  // The selection, in SQL: which groups are paid (items agree with the kept payable balance, the
  // creator is not held, the eligible total is positive and reaches the minimum) and their
  // eligible items, read in ONE statement after the locks (one snapshot), which also writes them
  // (insertSelectedPayouts): the items never leave the database. The balance is the ledger's own
  // fragment (creatorAccountBalanceSql): "AccountBalance" is read in app/ledger only.
  const until = Prisma.sql`${payableUntil}::timestamp`;
  // No join on the items' side: each group's figures are settled on its ≤ 1 row first (balance,
  // creator not held), its sums are window aggregates over its items, and the paid items are a
  // filter. Joining the items back to the paid groups by "ord" was planned from the CTEs' guesses
  // (as PayoutItem fills, the anti-join guessed 4 available items for 10,000), and late in a
  // full-size run that join produced every batch's items once per group (1M rows a batch, half
  // of a 600 ms statement).
  const selection = Prisma.sql`
    WITH batch AS MATERIALIZED (
      SELECT * FROM jsonb_to_recordset(${batch}::jsonb) AS g("ord" int, "creatorId" text, "currency" text, "minimumMinor" bigint)
    ), payable AS MATERIALIZED (
      -- Materialized: once per group, with its ledger balance. Inlined, the planner evaluated the
      -- balance per available item inside a hash condition (10,000 lookups a batch instead of 100).
      -- A creator gone from the shop or whose payout method just changed (held: createPayout then
      -- says until when) has no row, so none of its items is chosen.
      SELECT b."ord", b."creatorId", b."currency", b."minimumMinor",
        ${creatorAccountBalanceSql(shopId, Prisma.sql`b."creatorId"`, Prisma.sql`b."currency"`, "payable")} AS "ledgerMinor"
      FROM batch b
      JOIN "Creator" c ON c."id" = b."creatorId" AND c."shopId" = ${shopId}
      WHERE c."payoutsHeldUntil" IS NULL OR c."payoutsHeldUntil" <= ${now()}::timestamp
    ), available AS (
      SELECT g."ord", g."creatorId", g."currency", g."ledgerMinor", g."minimumMinor", p."id", p."amountMinor",
        date_trunc('milliseconds', p."payableSince") AS "since",
        (p."amountMinor" <= 0 OR date_trunc('milliseconds', p."payableSince") <= ${until}) AS "eligible"
      FROM payable g
      JOIN "PayableItem" p ON p."shopId" = ${shopId} AND p."creatorId" = g."creatorId" AND p."currency" = g."currency"
      WHERE p."splitAt" IS NULL AND p."rejectedAt" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "PayoutItem" held WHERE held."payableItemId" = p."id" AND held."state" = 'active')
    ), summed AS (
      SELECT a.*, SUM(a."amountMinor") OVER per_group AS "itemsMinor",
        COALESCE(SUM(a."amountMinor") FILTER (WHERE a."eligible") OVER per_group, 0) AS "eligibleMinor"
      FROM available a
      WINDOW per_group AS (PARTITION BY a."ord")
    )
    -- Paid: the items agree with the kept payable balance, the eligible total is positive and
    -- reaches the minimum; then the group's eligible items.
    SELECT s."ord", s."creatorId", s."currency", s."ledgerMinor", s."id", s."amountMinor", s."since"
    FROM summed s
    WHERE s."eligible" AND s."itemsMinor" = s."ledgerMinor" AND s."eligibleMinor" > 0
      AND (s."minimumMinor" IS NULL OR s."eligibleMinor" >= s."minimumMinor")`;

  const shop = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { creatorReviewEnabled: true } });
  // The same writer as createPayout's, fed by the selection; a run pays everything eligible, so never a split.
  const inserted = await insertSelectedPayouts(tx, shopId, actor, {
    status: initialPayoutStatus("run", shop.creatorReviewEnabled),
    origin: "run",
    runId,
    selection,
  });
  // The creators hear about their new payouts (to review, or scheduled) as createPayout's do.
  // Their amounts are the sums just written (the items were inserted from the same selection).
  await notifyPayoutsInBulk(
    tx,
    shopId,
    inserted.map((payout) => payout.payoutId),
    new Map(inserted.map((payout) => [payout.payoutId, payout.amountMinor])),
  );

  return inserted.map((payout) => ({
    creatorId: groups[payout.ord].creatorId,
    currency: groups[payout.ord].currency,
    payoutId: payout.payoutId,
    amountMinor: payout.amountMinor,
    invoiceLabel: payout.invoiceLabel,
  }));
}
