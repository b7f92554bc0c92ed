import { Prisma, type PayableKind, type PayoutItemState } from "@prisma/client";
import type { PayoutChannel } from "../domain/ledger";
import { db } from "../db.server";
import { DomainError } from "../domain/errors";
import { payoutStatusMachine, type PayoutStatus } from "../domain/status/payout-status";
import { toMinorNumber } from "../ledger/to-minor-number";
import { payoutNotFound } from "./payout-errors";
import { payableItemLabel } from "./payout-labels";
import { PAYOUT_SUBJECT } from "./record-payout-change.server";
import { fromDateColumn } from "../domain/calendar";

export interface PayoutLine {
  payoutItemId: string;
  payableItemId: string;
  kind: PayableKind;
  state: PayoutItemState;
  amountMinor: number;
  label: string;
  commissionId: string | null;
  fixedFeeId: string | null;
  adjustmentId: string | null;
  clawbackId: string | null;
  /** The item this one was split from, when only part of it is in this payout. */
  splitFromId: string | null;
  disputeNote: string | null;
  /** The merchant's answer to the creator's dispute note. */
  disputeAnswer: string | null;
}

export interface PayoutDetail {
  id: string;
  creatorId: string;
  creatorName: string;
  currency: string;
  status: PayoutStatus;
  /** The sum of the active items; for a canceled payout, of the items it released (what it would have paid). */
  amountMinor: number;
  invoiceNumber: number | null;
  invoiceLabel: string | null;
  /** The creator uploaded an invoice when accepting the review (downloadable by staff). */
  hasCreatorInvoice: boolean;
  balanceAfterMinor: number | null;
  comment: string | null;
  noteToCreator: string | null;
  createdBy: string;
  createdAt: Date;
  approvedBy: string | null;
  processedBy: string | null;
  channel: PayoutChannel | null;
  offlineMethod: string | null;
  offlineReference: string | null;
  paidOn: string | null;
  paidAt: Date | null;
  canceledAt: Date | null;
  statusReason: string | null;
  /** Every item ever in the payout, active first (removed and released ones stay for the history); with `itemsPage`, that page of them. */
  items: PayoutLine[];
  /** With `itemsPage`: which page `items` is, of how many items in all. */
  itemsPage?: { page: number; pageSize: number; itemCount: number };
}

/** The payout page lists a payout's items this many at a time (a payout may hold thousands). */
export const PAYOUT_ITEMS_PAGE_SIZE = 100;

const STATE_ORDER: Record<PayoutItemState, number> = { active: 0, removed: 1, released: 2 };

const PAYABLE_ITEM_INCLUDE = {
  payableItem: {
    include: {
      commission: { select: { order: { select: { orderName: true } } } },
      fixedFee: { select: { comment: true } },
      adjustment: { select: { reason: true } },
      clawback: { select: { reason: true, commission: { select: { order: { select: { orderName: true } } } } } },
    },
  },
} satisfies Prisma.PayoutItemInclude;

type ItemWithPayable = Prisma.PayoutItemGetPayload<{ include: typeof PAYABLE_ITEM_INCLUDE }>;

/** The order the payout chose its items in: active first, then negatives netted first, then oldest first (readItemsPage sorts the same way in SQL). */
function chosenOrder(a: ItemWithPayable, b: ItemWithPayable): number {
  return (
    STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    Number(a.amountMinor > 0n) - Number(b.amountMinor > 0n) ||
    a.payableItem.payableSince.getTime() - b.payableItem.payableSince.getTime() ||
    (a.payableItemId < b.payableItemId ? -1 : 1)
  );
}

function lineOf(item: ItemWithPayable): PayoutLine {
  const payable = item.payableItem;
  return {
    payoutItemId: item.id,
    payableItemId: payable.id,
    kind: payable.kind,
    state: item.state,
    amountMinor: toMinorNumber(item.amountMinor),
    label: payableItemLabel({
      kind: payable.kind,
      isPart: payable.parentId !== null,
      orderName: payable.commission?.order.orderName ?? payable.clawback?.commission.order.orderName,
      feeComment: payable.fixedFee?.comment,
      adjustmentReason: payable.adjustment?.reason,
      clawbackReason: payable.clawback?.reason,
    }),
    commissionId: payable.commissionId,
    fixedFeeId: payable.fixedFeeId,
    adjustmentId: payable.adjustmentId,
    clawbackId: payable.clawbackId,
    splitFromId: payable.parentId,
    disputeNote: item.disputeNote,
    disputeAnswer: item.disputeAnswer,
  };
}

interface ItemsPageRow {
  itemCount: number;
  totalMinor: bigint;
  payoutItemId: string | null;
  payableItemId: string;
  kind: PayableKind;
  state: PayoutItemState;
  amountMinor: bigint;
  parentId: string | null;
  commissionId: string | null;
  fixedFeeId: string | null;
  adjustmentId: string | null;
  clawbackId: string | null;
  orderName: string | null;
  feeComment: string | null;
  adjustmentReason: string | null;
  clawbackReason: string | null;
  disputeNote: string | null;
  disputeAnswer: string | null;
}

/**
 * One page of a payout's items in chosen order (as chosenOrder) with what their labels say, the
 * number of items and the payout's amount (its active items; a canceled payout's released ones),
 * in one statement: the page never loads the items it does not show, and the labels come from subqueries on
 * the page's rows, not from a nested Prisma include (seven statements and a query compile a request).
 * Always one row at least (the counts), with null item columns when the page is empty.
 */
async function readItemsPage(shopId: string, payoutId: string, canceled: boolean, page: number) {
  // The labels as scalar subqueries on the page's rows, not as joins: a ten-table join cost
  // PostgreSQL ~10 ms of planning a request, the subqueries ~2 ms.
  const rows = await db().$queryRaw<ItemsPageRow[]>(Prisma.sql`
    WITH items AS (
      SELECT i."id", i."state", i."amountMinor", i."createdAt", i."payableItemId", i."disputeNote", i."disputeAnswer",
        p."payableSince", p."kind", p."parentId", p."commissionId", p."fixedFeeId", p."adjustmentId", p."clawbackId"
      FROM "PayoutItem" i JOIN "PayableItem" p ON p."shopId" = i."shopId" AND p."id" = i."payableItemId"
      WHERE i."shopId" = ${shopId} AND i."payoutId" = ${payoutId}
    ), chosen AS (
      SELECT i.*, row_number() OVER (ORDER BY CASE i."state" WHEN 'active' THEN 0 WHEN 'removed' THEN 1 ELSE 2 END,
        i."createdAt", i."amountMinor" > 0, i."payableSince", i."payableItemId" COLLATE "C") AS n
      FROM items i
      ORDER BY n LIMIT ${PAYOUT_ITEMS_PAGE_SIZE} OFFSET ${(page - 1) * PAYOUT_ITEMS_PAGE_SIZE}
    ), totals AS (
      SELECT COUNT(*)::int AS "itemCount",
        COALESCE(SUM(i."amountMinor") FILTER (WHERE i."state" = ${canceled ? "released" : "active"}::"PayoutItemState"), 0)::bigint AS "totalMinor"
      FROM items i
    )
    SELECT t."itemCount", t."totalMinor", c."id" AS "payoutItemId", c."state"::text AS "state", c."amountMinor",
      c."disputeNote", c."disputeAnswer", c."payableItemId", c."kind"::text AS "kind", c."parentId",
      c."commissionId", c."fixedFeeId", c."adjustmentId", c."clawbackId",
      -- A commission's order, or the order of the commission a clawback claws back.
      (SELECT o."orderName" FROM "Commission" cm JOIN "AttributedOrder" o ON o."id" = cm."orderId"
        WHERE cm."shopId" = ${shopId} AND cm."id" = COALESCE(c."commissionId",
          (SELECT cb."commissionId" FROM "Clawback" cb WHERE cb."shopId" = ${shopId} AND cb."id" = c."clawbackId"))) AS "orderName",
      (SELECT f."comment" FROM "FixedFee" f WHERE f."shopId" = ${shopId} AND f."id" = c."fixedFeeId") AS "feeComment",
      (SELECT a."reason" FROM "Adjustment" a WHERE a."shopId" = ${shopId} AND a."id" = c."adjustmentId") AS "adjustmentReason",
      (SELECT cb."reason" FROM "Clawback" cb WHERE cb."shopId" = ${shopId} AND cb."id" = c."clawbackId") AS "clawbackReason"
    FROM totals t LEFT JOIN chosen c ON true
    ORDER BY c.n`);
  const [first] = rows;
  return {
    items: rows.filter((row) => row.payoutItemId !== null).map(pagedLineOf),
    itemCount: first.itemCount,
    amountMinor: toMinorNumber(first.totalMinor),
  };
}

function pagedLineOf(row: ItemsPageRow): PayoutLine {
  return {
    payoutItemId: row.payoutItemId!,
    payableItemId: row.payableItemId,
    kind: row.kind,
    state: row.state,
    amountMinor: toMinorNumber(row.amountMinor),
    label: payableItemLabel({
      kind: row.kind,
      isPart: row.parentId !== null,
      orderName: row.orderName ?? undefined,
      feeComment: row.feeComment,
      adjustmentReason: row.adjustmentReason ?? undefined,
      clawbackReason: row.clawbackReason ?? undefined,
    }),
    commissionId: row.commissionId,
    fixedFeeId: row.fixedFeeId,
    adjustmentId: row.adjustmentId,
    clawbackId: row.clawbackId,
    splitFromId: row.parentId,
    disputeNote: row.disputeNote,
    disputeAnswer: row.disputeAnswer,
  };
}

/**
 * One payout of the shop with its items described for people, or payout_not_found. With
 * `itemsPage` (1-based; past the last page reads the last), only that page of its items
 * (PAYOUT_ITEMS_PAGE_SIZE) is read: the payout page. Without it, every item (invoices, the portal).
 */
export async function getPayoutOrThrow(shopId: string, payoutId: string, options: { itemsPage?: number } = {}): Promise<PayoutDetail> {
  const payout = await db().payout.findFirst({ where: { id: payoutId, shopId }, include: { creator: { select: { name: true } } } });
  if (!payout) throw payoutNotFound(payoutId);
  const canceled = payout.status === "canceled";
  // Who created and processed it, by the names the audit trail recorded (the columns keep ids).
  const [actors, itemsPage, allItems] = await Promise.all([
    db().auditEvent.findMany({
      where: { shopId, subjectType: PAYOUT_SUBJECT, subjectId: payoutId, actorName: { not: null } },
      select: { actorId: true, actorName: true },
      distinct: ["actorId"],
    }),
    options.itemsPage === undefined ? null : readPagedItems(shopId, payoutId, canceled, options.itemsPage),
    options.itemsPage === undefined ? db().payoutItem.findMany({ where: { shopId, payoutId }, include: PAYABLE_ITEM_INCLUDE }) : null,
  ]);
  const nameOf = (actorId: string | null) => (actorId ? (actors.find((a) => a.actorId === actorId)?.actorName ?? actorId) : null);

  const items = itemsPage ? itemsPage.items : allItems!.sort(chosenOrder).map(lineOf);
  const amountMinor = itemsPage
    ? itemsPage.amountMinor
    : items.filter((item) => item.state === (canceled ? "released" : "active")).reduce((sum, item) => sum + item.amountMinor, 0);

  return {
    id: payout.id,
    creatorId: payout.creatorId,
    creatorName: payout.creator.name,
    currency: payout.currency,
    status: payout.status,
    amountMinor,
    invoiceNumber: payout.invoiceNumber,
    invoiceLabel: payout.invoiceLabel,
    hasCreatorInvoice: payout.creatorInvoiceFileId !== null,
    balanceAfterMinor: payout.balanceAfterMinor === null ? null : toMinorNumber(payout.balanceAfterMinor),
    comment: payout.comment,
    noteToCreator: payout.noteToCreator,
    createdBy: nameOf(payout.createdBy) ?? payout.createdBy,
    createdAt: payout.createdAt,
    approvedBy: nameOf(payout.approvedBy),
    processedBy: nameOf(payout.processedBy),
    channel: payout.channel,
    offlineMethod: payout.offlineMethod,
    offlineReference: payout.offlineReference,
    paidOn: payout.paidOn ? fromDateColumn(payout.paidOn) : null,
    paidAt: payout.paidAt,
    canceledAt: payout.canceledAt,
    statusReason: payout.statusReason,
    items,
    ...(itemsPage ? { itemsPage: { page: itemsPage.page, pageSize: PAYOUT_ITEMS_PAGE_SIZE, itemCount: itemsPage.itemCount } } : {}),
  };
}

/** The payout page's `?items=` (absent: 1); anything but a whole number from 1 is refused with a sentence. */
export function parseItemsPage(raw: string | null): number {
  if (raw === null || raw === "") return 1;
  const page = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(page) || page < 1) {
    throw new DomainError("invalid_input", "The items page must be a whole number from 1.", { fieldErrors: { items: "Use 1 or more." } });
  }
  return page;
}

/** readItemsPage for a requested page: past the last page, the last one. */
async function readPagedItems(shopId: string, payoutId: string, canceled: boolean, requested: number) {
  const first = await readItemsPage(shopId, payoutId, canceled, requested);
  const lastPage = Math.max(1, Math.ceil(first.itemCount / PAYOUT_ITEMS_PAGE_SIZE));
  if (requested <= lastPage) return { ...first, page: requested };
  return { ...(await readItemsPage(shopId, payoutId, canceled, lastPage)), page: lastPage };
}

export interface PayoutSummary {
  id: string;
  creatorId: string;
  creatorName: string;
  currency: string;
  status: PayoutStatus;
  amountMinor: number;
  invoiceLabel: string | null;
  createdAt: Date;
}

export interface PayoutPage {
  payouts: PayoutSummary[];
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface ListPayoutsOptions {
  status?: PayoutStatus | "all";
  /** The `nextCursor` of the previous page. */
  after?: string;
  pageSize?: number;
  /** Only these payouts (e.g. those one hold reason holds, for Home's "needs review" link). */
  payoutIds?: readonly string[];
}

// The cursor is the last row's (createdAt, id): stable under inserts, unlike an offset.
function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const date = new Date(createdAt);
    return typeof id === "string" && !Number.isNaN(date.getTime()) ? { createdAt: date, id } : null;
  } catch {
    return null;
  }
}

/**
 * The Payouts index: newest first, one status tab or all, with each payout's amount summed from
 * its active items in the same query (no stored totals to drift).
 */
export async function listPayouts(shopId: string, options: ListPayoutsOptions = {}): Promise<PayoutPage> {
  const pageSize = Math.min(Math.max(Math.trunc(options.pageSize ?? 50), 1), 250);
  const cursor = options.after ? decodeCursor(options.after) : null;
  const status = options.status ?? "all";
  if (status !== "all" && !payoutStatusMachine.isStatus(status)) {
    throw new DomainError("invalid_filter", `"${String(status)}" is not a payout status.`, { status });
  }
  const statusFilter = status === "all" ? Prisma.empty : Prisma.sql`AND p."status" = ${status}::"PayoutStatus"`;
  const idFilter = options.payoutIds ? Prisma.sql`AND p."id" = ANY(${[...options.payoutIds]}::text[])` : Prisma.empty;
  const cursorFilter = cursor
    ? Prisma.sql`AND (p."createdAt", p."id") < (${cursor.createdAt.toISOString()}::timestamp(3), ${cursor.id})`
    : Prisma.empty;
  const rows = await db().$queryRaw<
    {
      id: string;
      creatorId: string;
      creatorName: string;
      currency: string;
      status: PayoutStatus;
      amountMinor: bigint;
      invoiceLabel: string | null;
      createdAt: Date;
    }[]
  >(Prisma.sql`
    WITH page AS (
      -- The page first (index order), then the amounts of its payouts only: summing every
      -- payout's items before cutting the page grows with the shop's whole history.
      SELECT p."id", p."shopId", p."creatorId", p."currency", p."status", p."invoiceLabel", p."createdAt"
      FROM "Payout" p
      WHERE p."shopId" = ${shopId} ${statusFilter} ${idFilter} ${cursorFilter}
      ORDER BY p."createdAt" DESC, p."id" DESC
      LIMIT ${pageSize + 1}
    )
    SELECT p."id", p."creatorId", c."name" AS "creatorName", p."currency", p."status"::text AS status,
      COALESCE((
        SELECT SUM(i."amountMinor") FROM "PayoutItem" i
        WHERE i."payoutId" = p."id" AND i."shopId" = p."shopId"
          AND i."state" = CASE WHEN p."status" = 'canceled' THEN 'released'::"PayoutItemState" ELSE 'active'::"PayoutItemState" END
      ), 0)::bigint AS "amountMinor",
      p."invoiceLabel", p."createdAt"
    FROM page p
    JOIN "Creator" c ON c."id" = p."creatorId" AND c."shopId" = p."shopId"
    ORDER BY p."createdAt" DESC, p."id" DESC`);
  const page = rows.slice(0, pageSize).map((row) => ({
    ...row,
    currency: row.currency,
    amountMinor: toMinorNumber(row.amountMinor),
  }));
  const last = page[page.length - 1];
  return { payouts: page, nextCursor: rows.length > pageSize && last ? encodeCursor(last) : null };
}
