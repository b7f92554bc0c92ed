// The fast path of a payout run: one transaction pays a whole batch of creators, set-based. One
// statement selects what to pay; createPayout's own chooser orders the items and its own writer
// (insertPayouts: invoice numbers, payouts, items, reserve ledger transactions, audit events)
// writes them, so both write exactly the same rows. A run pays everything payable up to the end
// of its range, so there is never a split; any group the statement does not pay in full (drift,
// nothing payable, below the minimum, creator gone, an open request it would strand) is left to
// createPayout, which explains why. Open requests a payout covers are satisfied as createPayout does.
import { Prisma, type PayableKind } from "@prisma/client";
import type { Actor } from "../audit/actor";
import type { DbTransaction } from "../db.server";
import { creatorAccountBalanceSql } from "../ledger/read-balances.server";
import { toMinorNumber } from "../ledger/to-minor-number";
import { now } from "../lib/clock.server";
import { notifyPayoutsInBulk } from "../notifications/notify-payout-status.server";
import { initialPayoutStatus } from "../domain/status/payout-status";
import { choosePayoutItems, type AvailablePayableItem } from "../payouts/choose-payout-items";
import { insertPayouts } from "../payouts/insert-payouts.server";
import { matchOpenRequests } from "../domain/open-requests";
import {
  lockOpenRequests,
  requestGroupKey,
  satisfyOpenRequests,
  type OpenRequestRow,
} from "../payout-requests/satisfy-open-requests.server";

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
 * read by ONE statement, so they come from one snapshot taken after the locks.
 * Returns the payouts created, in batch order; groups missing from the result were not touched.
 * Creators whose payouts are held are left to createPayout too; each creator paid is emailed.
 * Must run inside the caller's transaction.
 */
export async function createRunPayoutsInBulk(tx: DbTransaction, input: BulkRunPayoutsInput): Promise<BulkCreatedPayout[]> {
  const { shopId, runId, actor, payableUntil, groups } = input;
  if (groups.length === 0) return [];
  const batch = JSON.stringify(
    groups.map((group, ord) => ({ ord, creatorId: group.creatorId, currency: group.currency, minimumMinor: group.minimumMinor })),
  );

  await tx.$executeRaw(Prisma.sql`
    INSERT INTO "CreatorBalanceLock" ("shopId", "creatorId", "currency")
    SELECT ${shopId}, g."creatorId", g."currency"
    FROM jsonb_to_recordset(${batch}::jsonb) AS g("creatorId" text, "currency" text)
    ORDER BY g."creatorId", g."currency"
    ON CONFLICT DO NOTHING`);
  await tx.$executeRaw(Prisma.sql`
    SELECT 1 FROM "CreatorBalanceLock" l
    WHERE l."shopId" = ${shopId}
      AND ("creatorId", "currency") IN (SELECT g."creatorId", g."currency" FROM jsonb_to_recordset(${batch}::jsonb) AS g("creatorId" text, "currency" text))
    ORDER BY l."creatorId", l."currency"
    FOR UPDATE OF l`);

  // The SQL keeps only the selection: which groups are paid (items agree with the kept payable
  // balance, the creator is not held, the eligible total is positive and reaches the minimum)
  // and their eligible items, read in ONE statement after the locks (one snapshot). The balance
  // is the ledger's own fragment (creatorAccountBalanceSql): "AccountBalance" is read in app/ledger only.
  const until = Prisma.sql`${payableUntil}::timestamp`;
  const rows = await tx.$queryRaw<
    { ord: number; ledgerMinor: bigint; id: string; kind: PayableKind; amountMinor: bigint; since: Date }[]
  >(Prisma.sql`
    WITH batch AS MATERIALIZED (
      SELECT * FROM jsonb_to_recordset(${batch}::jsonb) AS g("ord" int, "creatorId" text, "currency" text, "minimumMinor" bigint)
    ), balance AS MATERIALIZED (
      -- Materialized: once per group. Inlined, the planner evaluated the balance per available
      -- item inside a hash condition (10,000 lookups a batch instead of 100: ≈ 60 % of the statement).
      SELECT b."ord", ${creatorAccountBalanceSql(shopId, Prisma.sql`b."creatorId"`, Prisma.sql`b."currency"`, "payable")} AS "ledgerMinor"
      FROM batch b
    ), available AS MATERIALIZED (
      SELECT b."ord", p."id", p."kind", p."amountMinor", date_trunc('milliseconds', p."payableSince") AS "since",
        (p."amountMinor" <= 0 OR date_trunc('milliseconds', p."payableSince") <= ${until}) AS "eligible"
      FROM batch b
      JOIN "PayableItem" p ON p."shopId" = ${shopId} AND p."creatorId" = b."creatorId" AND p."currency" = b."currency"
      WHERE p."splitAt" IS NULL AND p."rejectedAt" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "PayoutItem" held WHERE held."payableItemId" = p."id" AND held."state" = 'active')
    ), sums AS (
      SELECT a."ord", SUM(a."amountMinor")::bigint AS "itemsMinor",
        COALESCE(SUM(a."amountMinor") FILTER (WHERE a."eligible"), 0)::bigint AS "eligibleMinor"
      FROM available a GROUP BY a."ord"
    ), paid AS (
      SELECT b."ord", bal."ledgerMinor"
      FROM batch b
      JOIN balance bal ON bal."ord" = b."ord"
      JOIN sums s ON s."ord" = b."ord"
      JOIN "Creator" c ON c."id" = b."creatorId" AND c."shopId" = ${shopId}
      WHERE s."itemsMinor" = bal."ledgerMinor" AND s."eligibleMinor" > 0
        -- A creator whose payout method just changed is held (createPayout then says until when).
        AND (c."payoutsHeldUntil" IS NULL OR c."payoutsHeldUntil" <= ${now()}::timestamp)
        AND (b."minimumMinor" IS NULL OR s."eligibleMinor" >= b."minimumMinor")
    )
    SELECT p."ord", p."ledgerMinor", a."id", a."kind"::text AS "kind", a."amountMinor", a."since"
    FROM paid p JOIN available a ON a."ord" = p."ord" AND a."eligible"
    ORDER BY p."ord"`);
  if (rows.length === 0) return [];

  // The kinds come with the selection, so the writer need not look each item up again.
  const kindOf = new Map(rows.map((row) => [row.id, row.kind]));
  const eligibleByGroup = new Map<number, { ledgerMinor: number; items: AvailablePayableItem[]; satisfies: OpenRequestRow[] }>();
  for (const row of rows) {
    let group = eligibleByGroup.get(row.ord);
    if (!group) eligibleByGroup.set(row.ord, (group = { ledgerMinor: toMinorNumber(row.ledgerMinor), items: [], satisfies: [] }));
    group.items.push({ id: row.id, amountMinor: toMinorNumber(row.amountMinor), payableSince: row.since });
  }
  // Open payout requests: each payout satisfies those it covers; a payout that would strand one
  // is left to createPayout, which refuses it with the sentence the run's summary shows.
  const openByGroup = await lockOpenRequests(
    tx,
    shopId,
    [...eligibleByGroup.keys()].map((ord) => groups[ord]),
  );
  for (const [ord, group] of eligibleByGroup) {
    const open = openByGroup.get(requestGroupKey(groups[ord].creatorId, groups[ord].currency)) ?? [];
    if (open.length === 0) continue;
    const payoutMinor = group.items.reduce((sum, item) => sum + item.amountMinor, 0);
    const match = matchOpenRequests({ payoutMinor, payableMinor: group.ledgerMinor, requests: open });
    if (!match.ok) eligibleByGroup.delete(ord);
    else group.satisfies = open.filter((request) => match.satisfied.some((s) => s.id === request.id));
  }
  if (eligibleByGroup.size === 0) return [];
  const shop = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { creatorReviewEnabled: true } });
  const status = initialPayoutStatus("run", shop.creatorReviewEnabled);
  const paidGroups = [...eligibleByGroup.entries()].sort(([a], [b]) => a - b);
  // The same chooser and the same writer as createPayout: a run pays everything eligible, so never a split.
  const inserted = await insertPayouts(
    tx,
    shopId,
    actor,
    paidGroups.map(([ord, group]) => ({
      creatorId: groups[ord].creatorId,
      currency: groups[ord].currency,
      status,
      origin: "run" as const,
      items: choosePayoutItems(group.items).whole.map((item) => ({
        payableItemId: item.id,
        amountMinor: item.amountMinor,
        splitFromId: null,
        kind: kindOf.get(item.id),
      })),
      ledgerPayableMinor: group.ledgerMinor,
      runId,
    })),
  );

  const toldAboutWithdrawal = await satisfyOpenRequests(
    tx,
    shopId,
    actor,
    inserted.map((payout, index) => {
      const [ord, group] = paidGroups[index];
      return { ...payout, creatorId: groups[ord].creatorId, currency: groups[ord].currency, requests: group.satisfies };
    }),
  );
  // The creators hear about their new payouts (to review, or scheduled) as createPayout's do;
  // a creator whose withdrawal the payout answers was told so instead.
  await notifyPayoutsInBulk(
    tx,
    shopId,
    inserted.map((payout) => payout.payoutId).filter((payoutId) => !toldAboutWithdrawal.has(payoutId)),
  );

  return inserted.map((payout, index) => {
    const ord = paidGroups[index][0];
    return {
      creatorId: groups[ord].creatorId,
      currency: groups[ord].currency,
      payoutId: payout.payoutId,
      amountMinor: payout.amountMinor,
      invoiceLabel: payout.invoiceLabel,
    };
  });
}
