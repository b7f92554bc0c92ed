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
  /** Every item ever in the payout, active first (removed and released ones stay for the history). */
  items: PayoutLine[];
}

const STATE_ORDER: Record<PayoutItemState, number> = { active: 0, removed: 1, released: 2 };

/** One payout of the shop with its items described for people, or payout_not_found. */
export async function getPayoutOrThrow(shopId: string, payoutId: string): Promise<PayoutDetail> {
  const payout = await db().payout.findFirst({
    where: { id: payoutId, shopId },
    include: {
      creator: { select: { name: true } },
      items: {
        include: {
          payableItem: {
            include: {
              commission: { select: { order: { select: { orderName: true } } } },
              fixedFee: { select: { comment: true } },
              adjustment: { select: { reason: true } },
              clawback: { select: { reason: true, commission: { select: { order: { select: { orderName: true } } } } } },
            },
          },
        },
      },
    },
  });
  if (!payout) throw payoutNotFound(payoutId);
  // Who created and processed it, by the names the audit trail recorded (the columns keep ids).
  const actors = await db().auditEvent.findMany({
    where: { shopId, subjectType: PAYOUT_SUBJECT, subjectId: payoutId, actorName: { not: null } },
    select: { actorId: true, actorName: true },
    distinct: ["actorId"],
  });
  const nameOf = (actorId: string | null) => (actorId ? (actors.find((a) => a.actorId === actorId)?.actorName ?? actorId) : null);

  // The order the payout chose them in: negatives netted first, then oldest first.
  const chosenOrder = [...payout.items].sort(
    (a, b) =>
      STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
      a.createdAt.getTime() - b.createdAt.getTime() ||
      Number(a.amountMinor > 0n) - Number(b.amountMinor > 0n) ||
      a.payableItem.payableSince.getTime() - b.payableItem.payableSince.getTime() ||
      (a.payableItemId < b.payableItemId ? -1 : 1),
  );
  const items = chosenOrder.map((item): PayoutLine => {
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
  });

  return {
    id: payout.id,
    creatorId: payout.creatorId,
    creatorName: payout.creator.name,
    currency: payout.currency,
    status: payout.status,
    amountMinor: items
      .filter((item) => item.state === (payout.status === "canceled" ? "released" : "active"))
      .reduce((sum, item) => sum + item.amountMinor, 0),
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
  };
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
