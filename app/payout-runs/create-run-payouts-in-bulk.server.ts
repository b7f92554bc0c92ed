// The fast path of a payout run: one transaction pays a whole batch of creators with set-based
// SQL, writing exactly what createPayout would write for each of them (payout, items, invoice
// number, reserve ledger transaction, audit event). A run pays everything payable up to the end
// of its range, so there is never a split; any group the statement does not pay in full (drift,
// nothing payable, below the minimum, creator gone) is left to createPayout, which explains why.
import { Prisma } from "@prisma/client";
import { actorIdentity, actorLabel, type Actor } from "../audit/actor";
import type { DbTransaction } from "../db.server";
import { toMinorNumber } from "../ledger/to-minor-number";
import { now } from "../lib/clock.server";
import { notifyPayoutsInBulk } from "../notifications/notify-payout-status.server";
import { PAYOUT_SUBJECT } from "../payouts/record-payout-change.server";

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

const newId = (prefix: string) => Prisma.raw(`('${prefix}' || replace(gen_random_uuid()::text, '-', ''))`);

/**
 * Locks the batch's creator balances (FOR UPDATE, in a stable order, so two batches or a batch and
 * createPayout never deadlock) and pays every group whose available items agree with its ledger
 * balance and whose eligible total is positive and at least its minimum. Everything is read and
 * written by ONE statement, so items and balances come from one snapshot taken after the locks.
 * Returns the payouts created, in batch order; groups missing from the result were not touched.
 * Creators whose payouts are held are left to createPayout too; each creator paid is emailed.
 * Must run inside the caller's transaction.
 */
export async function createRunPayoutsInBulk(tx: DbTransaction, input: BulkRunPayoutsInput): Promise<BulkCreatedPayout[]> {
  const { shopId, runId, actor, payableUntil, groups } = input;
  if (groups.length === 0) return [];
  const identity = actorIdentity(actor);
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

  const until = Prisma.sql`${payableUntil}::timestamp`;
  const rows = await tx.$queryRaw<{ ord: number; payoutId: string; amountMinor: bigint; invoiceLabel: string | null }[]>(Prisma.sql`
    WITH batch AS MATERIALIZED (
      SELECT * FROM jsonb_to_recordset(${batch}::jsonb) AS g("ord" int, "creatorId" text, "currency" text, "minimumMinor" bigint)
    ), balance AS (
      SELECT b."ord", COALESCE(SUM(e."amountMinor"), 0)::bigint AS "ledgerMinor"
      FROM batch b
      LEFT JOIN "LedgerEntry" e ON e."shopId" = ${shopId} AND e."creatorId" = b."creatorId"
        AND e."currency" = b."currency" AND e."account" = 'payable'
      GROUP BY b."ord"
    ), available AS MATERIALIZED (
      SELECT b."ord", p."id", p."amountMinor", date_trunc('milliseconds', p."payableSince") AS "since",
        (p."amountMinor" <= 0 OR date_trunc('milliseconds', p."payableSince") <= ${until}) AS "eligible"
      FROM batch b
      JOIN "PayableItem" p ON p."shopId" = ${shopId} AND p."creatorId" = b."creatorId" AND p."currency" = b."currency"
      WHERE p."splitAt" IS NULL AND p."rejectedAt" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "PayoutItem" held WHERE held."payableItemId" = p."id" AND held."state" = 'active')
    ), sums AS (
      SELECT a."ord", SUM(a."amountMinor")::bigint AS "itemsMinor",
        COALESCE(SUM(a."amountMinor") FILTER (WHERE a."eligible"), 0)::bigint AS "eligibleMinor"
      FROM available a GROUP BY a."ord"
    ), paid AS MATERIALIZED (
      SELECT b."ord", b."creatorId", b."currency", s."eligibleMinor", bal."ledgerMinor",
        row_number() OVER (ORDER BY b."ord") AS "seq",
        ${newId("po_")} AS "payoutId", ${newId("ev_")} AS "auditEventId", ${newId("ltx_")} AS "transactionId"
      FROM batch b
      JOIN balance bal ON bal."ord" = b."ord"
      JOIN sums s ON s."ord" = b."ord"
      JOIN "Creator" c ON c."id" = b."creatorId" AND c."shopId" = ${shopId}
      WHERE s."itemsMinor" = bal."ledgerMinor" AND s."eligibleMinor" > 0
        -- A creator whose payout method just changed is held (createPayout then says until when).
        AND (c."payoutsHeldUntil" IS NULL OR c."payoutsHeldUntil" <= ${now()}::timestamp)
        AND (b."minimumMinor" IS NULL OR s."eligibleMinor" >= b."minimumMinor")
    ), invoice AS (
      -- One UPDATE takes the batch's numbers (row-locking the shop until commit, as allocateInvoiceNumber does).
      UPDATE "Shop" s
      SET "nextInvoiceNumber" = s."nextInvoiceNumber" + (SELECT count(*) FROM paid)::int, "updatedAt" = CURRENT_TIMESTAMP
      WHERE s."id" = ${shopId} AND EXISTS (SELECT 1 FROM paid)
      RETURNING s."nextInvoiceNumber" - (SELECT count(*) FROM paid)::int AS "first", s."invoicePrefix" AS "prefix", s."creatorReviewEnabled"
    ), numbered AS MATERIALIZED (
      SELECT p.*, n."invoiceNumber",
        i."prefix" || CASE WHEN length(n."invoiceNumber"::text) >= 5 THEN n."invoiceNumber"::text ELSE lpad(n."invoiceNumber"::text, 5, '0') END AS "invoiceLabel",
        CASE WHEN i."creatorReviewEnabled" THEN 'pending_review' ELSE 'ready' END AS "status"
      FROM paid p CROSS JOIN invoice i
      CROSS JOIN LATERAL (SELECT (i."first" + p."seq" - 1)::int AS "invoiceNumber") n
    ), chosen AS MATERIALIZED (
      -- createPayout's order: negatives, then positives, each oldest first (ties by id).
      SELECT n."ord", n."payoutId", n."currency", a."id" AS "payableItemId", a."amountMinor",
        row_number() OVER (PARTITION BY n."ord" ORDER BY (a."amountMinor" > 0), a."since", a."id" COLLATE "C") AS "position"
      FROM numbered n JOIN available a ON a."ord" = n."ord" AND a."eligible"
    ), payouts AS (
      INSERT INTO "Payout" ("id", "shopId", "creatorId", "currency", "status", "invoiceNumber", "invoiceLabel", "runId", "createdBy", "balanceAfterMinor", "updatedAt")
      SELECT n."payoutId", ${shopId}, n."creatorId", n."currency", n."status"::"PayoutStatus", n."invoiceNumber", n."invoiceLabel",
        ${runId}, ${actorLabel(actor)}, n."ledgerMinor" - n."eligibleMinor", CURRENT_TIMESTAMP
      FROM numbered n
      RETURNING 1
    ), items AS (
      INSERT INTO "PayoutItem" ("id", "shopId", "payoutId", "payableItemId", "amountMinor", "currency")
      SELECT ${newId("pi_")}, ${shopId}, c."payoutId", c."payableItemId", c."amountMinor", c."currency"
      FROM chosen c ORDER BY c."ord", c."position"
      RETURNING 1
    ), item_lists AS (
      SELECT c."ord", jsonb_agg(jsonb_build_object('payableItemId', c."payableItemId", 'amountMinor', c."amountMinor", 'splitFromId', NULL) ORDER BY c."position") AS "items"
      FROM chosen c GROUP BY c."ord"
    ), audits AS (
      INSERT INTO "AuditEvent" ("id", "shopId", "actorType", "actorId", "actorName", "actorEmail", "action", "subjectType", "subjectId", "after")
      SELECT n."auditEventId", ${shopId}, ${actor.type}::"ActorType", ${actor.id ?? null}::text, ${identity.name}::text, ${identity.email}::text,
        'payout.created', ${PAYOUT_SUBJECT}, n."payoutId",
        jsonb_build_object('status', n."status", 'origin', 'run', 'amountMinor', n."eligibleMinor", 'currency', n."currency",
          'method', NULL, 'reference', NULL, 'paidOn', NULL,
          'invoiceLabel', n."invoiceLabel", 'balanceAfterMinor', n."ledgerMinor" - n."eligibleMinor", 'items', l."items")
      FROM numbered n JOIN item_lists l ON l."ord" = n."ord"
      ORDER BY n."ord"
      RETURNING 1
    ), transactions AS (
      INSERT INTO "LedgerTransaction" ("id", "shopId", "kind", "idempotencyKey", "subjectType", "subjectId", "auditEventId")
      SELECT n."transactionId", ${shopId}, 'reserve_for_payout', 'payout:' || n."payoutId" || ':reserve', ${PAYOUT_SUBJECT}, n."payoutId", n."auditEventId"
      FROM numbered n ORDER BY n."ord"
      RETURNING 1
    ), entries AS (
      -- reserveForPayout: payable −X, in_payout +X.
      INSERT INTO "LedgerEntry" ("id", "shopId", "transactionId", "account", "creatorId", "currency", "amountMinor")
      SELECT ${newId("le_")}, ${shopId}, n."transactionId", x."account"::"LedgerAccount", n."creatorId", n."currency", x."amountMinor"
      FROM numbered n
      CROSS JOIN LATERAL (VALUES (1, 'payable', -n."eligibleMinor"), (2, 'in_payout', n."eligibleMinor")) AS x("position", "account", "amountMinor")
      ORDER BY n."ord", x."position"
      RETURNING 1
    )
    SELECT n."ord", n."payoutId", n."eligibleMinor" AS "amountMinor", n."invoiceLabel"
    FROM numbered n ORDER BY n."ord"`);

  // The creators hear about their new payouts (to review, or scheduled) as createPayout's do.
  await notifyPayoutsInBulk(tx, shopId, rows.map((row) => row.payoutId));

  return rows.map((row) => ({
    creatorId: groups[row.ord].creatorId,
    currency: groups[row.ord].currency,
    payoutId: row.payoutId,
    amountMinor: toMinorNumber(row.amountMinor),
    invoiceLabel: row.invoiceLabel,
  }));
}
