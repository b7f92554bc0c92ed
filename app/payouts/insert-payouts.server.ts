// The one way payouts are written: createPayout (a batch of one) and a payout run's bulk path (a
// batch of many) both choose their items, then hand the payouts here. Set-based: one UPDATE for
// the invoice numbers, one INSERT for the payouts, one for their items, one statement for the
// reserve ledger transactions with their audit events (postLedgerTransactions).
// insertSelectedPayouts is the same writer for a selection made in SQL (a payout run's batch): the
// items go from the selection into "PayoutItem" inside the database and never reach JavaScript.
import { Prisma, type PayableKind } from "@prisma/client";
import { actorLabel, type Actor } from "../audit/actor";
import type { DbTransaction } from "../db.server";
import { timeOrderedId } from "../db/time-ordered-id.server";
import { reserveForPayout } from "../domain/ledger";
import type { PayoutStatus } from "../domain/status/payout-status";
import { postLedgerTransactions } from "../ledger/post-ledger-transactions.server";
import { now } from "../lib/clock.server";
import { toMinorNumber } from "../ledger/to-minor-number";
import { allocateInvoiceNumbers, allocateInvoiceNumbersSql, invoiceLabelSql } from "./allocate-invoice-number.server";
import { queueApproverNotices } from "./notify-payout-approvers.server";
import { payoutMovementKey, PAYOUT_SUBJECT } from "./record-payout-change.server";

export interface NewPayoutItem {
  /** The payable item paid (for a split, the child taken into the payout). */
  payableItemId: string;
  amountMinor: number;
  splitFromId: string | null;
  /** The payable item's kind when the caller read it already (a run's selection): spares a lookup per item. */
  kind?: PayableKind;
}

export interface NewPayout {
  creatorId: string;
  currency: string;
  status: PayoutStatus;
  origin: "manual" | "run" | "request";
  /** In the chooser's order (negatives first, then oldest first). */
  items: NewPayoutItem[];
  /** The creator's payable ledger balance before this payout. */
  ledgerPayableMinor: number;
  runId?: string | null;
  comment?: string | null;
  noteToCreator?: string | null;
}

export interface InsertedPayout {
  payoutId: string;
  amountMinor: number;
  status: PayoutStatus;
  invoiceNumber: number | null;
  invoiceLabel: string | null;
  balanceAfterMinor: number;
  items: { payoutItemId: string; payableItemId: string; kind: PayableKind; amountMinor: number; splitFromId: string | null }[];
}

/**
 * Writes the payouts (numbered in order when they leave draft), their items, and for each the
 * reserve transaction payable → in_payout with its `payout.created` audit event. The caller has
 * locked the creators' balances and chosen the items; it tells the creators (notifications).
 */
export async function insertPayouts(
  tx: DbTransaction,
  shopId: string,
  actor: Actor,
  payouts: readonly NewPayout[],
): Promise<InsertedPayout[]> {
  if (payouts.length === 0) return [];
  const numbers = await allocateInvoiceNumbers(tx, shopId, payouts.filter((payout) => payout.status !== "draft").length);
  let nextNumber = 0;
  const rows = payouts.map((payout) => {
    const invoice = payout.status === "draft" ? null : numbers[nextNumber++];
    const amountMinor = payout.items.reduce((sum, item) => sum + item.amountMinor, 0);
    const currency = payout.currency;
    return {
      payout,
      currency,
      payoutId: timeOrderedId("po_"),
      invoice,
      amountMinor,
      balanceAfterMinor: payout.ledgerPayableMinor - amountMinor,
      itemIds: payout.items.map(() => timeOrderedId("pi_")),
    };
  });

  // Raw multi-row statements, not Prisma's createMany: a run writes tens of thousands of items,
  // which Prisma would split into many parameter-limited statements built in JavaScript.
  const payoutRows = JSON.stringify(
    rows.map((row, ord) => ({
      ord,
      id: row.payoutId,
      creatorId: row.payout.creatorId,
      currency: row.currency,
      status: row.payout.status,
      invoiceNumber: row.invoice?.invoiceNumber ?? null,
      invoiceLabel: row.invoice?.invoiceLabel ?? null,
      runId: row.payout.runId ?? null,
      comment: row.payout.comment ?? null,
      noteToCreator: row.payout.noteToCreator ?? null,
      balanceAfterMinor: String(row.balanceAfterMinor),
    })),
  );
  const itemRows = JSON.stringify(
    rows.flatMap((row, ord) =>
      row.payout.items.map((item, position) => ({
        ord,
        position,
        id: row.itemIds[position],
        payoutId: row.payoutId,
        payableItemId: item.payableItemId,
        amountMinor: String(item.amountMinor),
        currency: row.currency,
      })),
    ),
  );
  const kindsKnown = rows.every((row) => row.payout.items.every((item) => item.kind !== undefined));
  // Business time, from the one clock (a pinned demo clock included), not the database's.
  const createdAt = now();
  const written = await tx.$queryRaw<{ id: string; kind: PayableKind }[]>(Prisma.sql`
    WITH payouts AS (
      INSERT INTO "Payout" ("id", "shopId", "creatorId", "currency", "status", "invoiceNumber", "invoiceLabel", "runId", "comment", "noteToCreator", "createdBy", "balanceAfterMinor", "createdAt", "updatedAt")
      SELECT p."id", ${shopId}, p."creatorId", p."currency", p."status"::"PayoutStatus", p."invoiceNumber", p."invoiceLabel", p."runId", p."comment",
        p."noteToCreator", ${actorLabel(actor)}, p."balanceAfterMinor"::bigint, ${createdAt}, ${createdAt}
      FROM jsonb_to_recordset(${payoutRows}::jsonb) AS p("ord" int, "id" text, "creatorId" text, "currency" text, "status" text, "invoiceNumber" int,
        "invoiceLabel" text, "runId" text, "comment" text, "noteToCreator" text, "balanceAfterMinor" text)
      ORDER BY p."ord"
      RETURNING 1
    ), items AS (
      INSERT INTO "PayoutItem" ("id", "shopId", "payoutId", "payableItemId", "amountMinor", "currency")
      SELECT i."id", ${shopId}, i."payoutId", i."payableItemId", i."amountMinor"::bigint, i."currency"
      FROM jsonb_to_recordset(${itemRows}::jsonb) AS i("ord" int, "position" int, "id" text, "payoutId" text, "payableItemId" text, "amountMinor" text, "currency" text)
      ORDER BY i."ord", i."position"
      RETURNING "id", "payableItemId"
    )
    ${
      kindsKnown
        ? Prisma.sql`SELECT NULL::text AS "id", NULL::text AS "kind" WHERE false` // the CTEs' inserts run all the same
        : Prisma.sql`SELECT items."id", pi."kind"::text AS "kind" FROM items JOIN "PayableItem" pi ON pi."id" = items."payableItemId"`
    }`);
  const kinds = new Map(written.map((item) => [item.id, item.kind]));
  // The audit event says what recordPayoutChange says of any payout change: the payout's snapshot
  // (a new payout has no method, reference or payment date yet) and this change's facts.
  await postLedgerTransactions(
    tx,
    rows.map((row) => ({
      shopId,
      actor,
      action: "payout.created",
      subject: { type: PAYOUT_SUBJECT, id: row.payoutId },
      draft: reserveForPayout({ creatorId: row.payout.creatorId, currency: row.currency, amountMinor: row.amountMinor }),
      idempotencyKey: payoutMovementKey(row.payoutId, "reserve"),
      after: {
        status: row.payout.status,
        amountMinor: row.amountMinor,
        currency: row.currency,
        invoiceLabel: row.invoice?.invoiceLabel ?? null,
        method: null,
        reference: null,
        paidOn: null,
        origin: row.payout.origin,
        balanceAfterMinor: row.balanceAfterMinor,
        items: row.payout.items.map(({ payableItemId, amountMinor, splitFromId }) => ({ payableItemId, amountMinor, splitFromId })),
      },
    })),
  );

  // Two-person approval: payouts above their currency's amount tell the approvers (a job, after commit).
  await queueApproverNotices(
    tx,
    shopId,
    rows.map((row) => ({ payoutId: row.payoutId, currency: row.currency, amountMinor: row.amountMinor })),
  );

  return rows.map((row) => ({
    payoutId: row.payoutId,
    amountMinor: row.amountMinor,
    status: row.payout.status,
    invoiceNumber: row.invoice?.invoiceNumber ?? null,
    invoiceLabel: row.invoice?.invoiceLabel ?? null,
    balanceAfterMinor: row.balanceAfterMinor,
    items: row.payout.items.map((item, index) => ({
      payoutItemId: row.itemIds[index],
      payableItemId: item.payableItemId,
      kind: item.kind ?? kinds.get(row.itemIds[index])!,
      amountMinor: item.amountMinor,
      splitFromId: item.splitFromId,
    })),
  }));
}

/** Columns a selection hands to insertSelectedPayouts: one row per item to pay, whole (never split). */
export interface SelectedPayoutItemColumns {
  /** Groups the items into payouts; payouts are written (and numbered) in this order. */
  ord: number;
  creatorId: string;
  currency: string;
  /** The creator's payable ledger balance before this payout (the same on every row of a group). */
  ledgerMinor: bigint;
  /** The payable item. */
  id: string;
  amountMinor: bigint;
  /** The item's payableSince (milliseconds): orders the items as choosePayoutItems does. */
  since: Date;
}

export interface SelectedPayoutsInput {
  status: PayoutStatus;
  origin: "run";
  runId: string;
  /** A SELECT yielding SelectedPayoutItemColumns; the caller holds the groups' balance locks. */
  selection: Prisma.Sql;
}

export interface InsertedSelectedPayout {
  ord: number;
  payoutId: string;
  amountMinor: number;
  invoiceLabel: string | null;
}

/**
 * The items of a payout in the audit event, read back in the posting statement (h."subjectId" is
 * the payout): the ids insertSelectedPayouts gives a payout's items (one time-ordered prefix a
 * payout, then the position in eight hexadecimal digits) sort in choosePayoutItems' order, so the list needs neither a
 * key lookup per item into "PayableItem" for its date (as the read-back did before) nor to travel
 * through JavaScript (returned as text, 10,000 items a batch raised a full-size run's peak heap by
 * ≈ 120 MB).
 */
const payoutItemsJson = Prisma.sql`(
  SELECT COALESCE(jsonb_agg(jsonb_build_object('payableItemId', i."payableItemId", 'amountMinor', i."amountMinor", 'splitFromId', NULL)
    ORDER BY i."id" COLLATE "C"), '[]'::jsonb)
  FROM "PayoutItem" i
  WHERE i."shopId" = h."shopId" AND i."payoutId" = h."subjectId" AND i."state" = 'active')`;

/**
 * Writes what insertPayouts writes — numbered payouts, their items, the reserve transactions with
 * `payout.created` audit events listing the items — for payouts whose items a SQL selection chose
 * (every item taken whole, as a run takes them): ONE statement numbers the payouts, inserts them
 * and inserts their items by INSERT … SELECT; the ledger door then posts one reserve each. Only a
 * row per payout comes back to JavaScript.
 */
export async function insertSelectedPayouts(
  tx: DbTransaction,
  shopId: string,
  actor: Actor,
  input: SelectedPayoutsInput,
): Promise<InsertedSelectedPayout[]> {
  const numbered = input.status !== "draft";
  const count = Prisma.sql`(SELECT count(*) FROM groups)`;
  const invoiceNumber = Prisma.sql`(n."first" + g."seq" - 1)::int`;
  const createdAt = now();
  const written = await tx.$queryRaw<
    {
      ord: number;
      payoutId: string;
      creatorId: string;
      currency: string;
      amountMinor: bigint;
      ledgerMinor: bigint;
      invoiceLabel: string | null;
    }[]
  >(Prisma.sql`
    WITH chosen AS MATERIALIZED (${input.selection}
    ), groups AS MATERIALIZED (
      SELECT c."ord", min(c."creatorId") AS "creatorId", min(c."currency") AS "currency", min(c."ledgerMinor")::bigint AS "ledgerMinor",
        SUM(c."amountMinor")::bigint AS "amountMinor", row_number() OVER (ORDER BY c."ord") AS "seq",
        -- Ids that start with the time (time_ordered_hex(), as the column defaults): new payouts
        -- and items go to the right edge of "Payout"'s and "PayoutItem"'s indexes by id (the
        -- items' primary key and their ("shopId", "payoutId") index), not to random leaves.
        'po_' || time_ordered_hex() AS "payoutId",
        -- The items in choosePayoutItems' order (negatives first, then oldest first, then by id):
        -- the ids and amounts the items INSERT unnests (joining the selection back to its groups
        -- was planned as a nested loop over both CTEs, ≈ a quarter of the statement).
        array_agg(c."id" ORDER BY c."amountMinor" > 0, c."since", c."id" COLLATE "C") AS "itemIds",
        array_agg(c."amountMinor" ORDER BY c."amountMinor" > 0, c."since", c."id" COLLATE "C") AS "itemAmounts",
        -- 24 of the 32 hex digits: the milliseconds (12) and 48 random bits; the position takes 8.
        'pi_' || left(time_ordered_hex(), 24) AS "itemIdPrefix"
      FROM chosen c GROUP BY c."ord"
    ), numbers AS (
      ${numbered ? allocateInvoiceNumbersSql(shopId, count) : Prisma.sql`SELECT NULL::int AS "first", NULL::text AS "prefix" WHERE false`}
    ), numbered AS MATERIALIZED (
      SELECT g."ord", g."creatorId", g."currency", g."ledgerMinor", g."amountMinor", g."seq", g."payoutId",
        CASE WHEN n."first" IS NULL THEN NULL ELSE ${invoiceNumber} END AS "invoiceNumber",
        CASE WHEN n."first" IS NULL THEN NULL ELSE ${invoiceLabelSql(Prisma.sql`n."prefix"`, invoiceNumber)} END AS "invoiceLabel"
      FROM groups g LEFT JOIN numbers n ON true
    ), payouts AS (
      INSERT INTO "Payout" ("id", "shopId", "creatorId", "currency", "status", "invoiceNumber", "invoiceLabel", "runId", "createdBy", "balanceAfterMinor", "createdAt", "updatedAt")
      SELECT g."payoutId", ${shopId}, g."creatorId", g."currency", ${input.status}::"PayoutStatus", g."invoiceNumber", g."invoiceLabel", ${input.runId},
        ${actorLabel(actor)}, g."ledgerMinor" - g."amountMinor", ${createdAt}, ${createdAt}
      FROM numbered g ORDER BY g."ord"
      RETURNING 1
    ), items AS (
      INSERT INTO "PayoutItem" ("id", "shopId", "payoutId", "payableItemId", "amountMinor", "currency")
      SELECT g."itemIdPrefix" || lpad(to_hex(u."position"), 8, '0'), ${shopId}, g."payoutId", u."id", u."amountMinor", g."currency"
      FROM groups g CROSS JOIN LATERAL unnest(g."itemIds", g."itemAmounts") WITH ORDINALITY AS u("id", "amountMinor", "position")
      ORDER BY g."ord", u."position"
      RETURNING 1
    )
    SELECT g."ord", g."payoutId", g."creatorId", g."currency", g."amountMinor", g."ledgerMinor", g."invoiceLabel",
      (SELECT count(*) FROM payouts) + (SELECT count(*) FROM items) AS "rowsWritten"
    FROM numbered g ORDER BY g."ord"`);
  if (written.length === 0) return [];

  const rows = written.map((row) => {
    const amountMinor = toMinorNumber(row.amountMinor);
    return { ...row, amountMinor, balanceAfterMinor: toMinorNumber(row.ledgerMinor) - amountMinor };
  });
  // The audit event is insertPayouts' own; its item list is built in the posting statement.
  await postLedgerTransactions(
    tx,
    rows.map((row) => ({
      shopId,
      actor,
      action: "payout.created",
      subject: { type: PAYOUT_SUBJECT, id: row.payoutId },
      draft: reserveForPayout({ creatorId: row.creatorId, currency: row.currency, amountMinor: row.amountMinor }),
      idempotencyKey: payoutMovementKey(row.payoutId, "reserve"),
      after: {
        status: input.status,
        amountMinor: row.amountMinor,
        currency: row.currency,
        invoiceLabel: row.invoiceLabel,
        method: null,
        reference: null,
        paidOn: null,
        origin: input.origin,
        balanceAfterMinor: row.balanceAfterMinor,
      },
    })),
    { afterFromDatabase: { key: "items", expression: payoutItemsJson } },
  );
  // Two-person approval: as insertPayouts, payouts above their currency's amount tell the approvers.
  await queueApproverNotices(
    tx,
    shopId,
    rows.map((row) => ({ payoutId: row.payoutId, currency: row.currency, amountMinor: row.amountMinor })),
  );
  return rows.map((row) => ({ ord: row.ord, payoutId: row.payoutId, amountMinor: row.amountMinor, invoiceLabel: row.invoiceLabel }));
}
