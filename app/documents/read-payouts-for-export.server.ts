import { Prisma } from "@prisma/client";
import { db } from "../db.server";
import type { PayoutStatus } from "../domain/status/payout-status";
import { toMinorNumber } from "../ledger/to-minor-number";
import type { PayoutExportRow } from "./payouts-csv";
import { fromDateColumn } from "../domain/calendar";

export interface PayoutExportQuery {
  shopId: string;
  status: PayoutStatus | "all";
  /** Created at or after. */
  start?: Date;
  /** Created before. */
  end?: Date;
  pageSize?: number;
}

type ExportQueryRow = Omit<PayoutExportRow, "amountMinor" | "paidOn"> & { amountMinor: bigint; paidOn: Date | null };

const timestamp = (date: Date) => Prisma.sql`${date.toISOString()}::timestamp(3)`;

/**
 * The shop's payouts for the export, oldest first, a page at a time. Keyset pagination on
 * (createdAt, id) keeps each query cheap and the memory bounded however many payouts there are;
 * the listing of the Payouts screen (listPayouts) pages newest first without dates or payment
 * columns, so the export has its own query in the same style.
 */
export async function* readPayoutsForExport(query: PayoutExportQuery): AsyncGenerator<PayoutExportRow[]> {
  const pageSize = query.pageSize ?? 1000;
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const filters: Prisma.Sql[] = [
      Prisma.sql`p."shopId" = ${query.shopId}`,
      query.status !== "all" ? Prisma.sql`p."status" = ${query.status}::"PayoutStatus"` : null,
      query.start ? Prisma.sql`p."createdAt" >= ${timestamp(query.start)}` : null,
      query.end ? Prisma.sql`p."createdAt" < ${timestamp(query.end)}` : null,
      after ? Prisma.sql`(p."createdAt", p."id") > (${timestamp(after.createdAt)}, ${after.id})` : null,
    ].filter((filter): filter is Prisma.Sql => filter !== null);
    const rows: ExportQueryRow[] = await db().$queryRaw<ExportQueryRow[]>(Prisma.sql`
      SELECT p."id", p."invoiceLabel", c."name" AS "creatorName", c."email" AS "creatorEmail",
        p."status"::text AS status, p."currency",
        COALESCE((SELECT SUM(i."amountMinor") FROM "PayoutItem" i
          WHERE i."payoutId" = p."id" AND i."shopId" = p."shopId" AND i."state" = 'active'), 0)::bigint AS "amountMinor",
        p."createdAt", p."paidOn", p."channel"::text AS channel, p."offlineMethod", p."offlineReference", p."stripeTransferId"
      FROM "Payout" p
      JOIN "Creator" c ON c."id" = p."creatorId" AND c."shopId" = p."shopId"
      WHERE ${Prisma.join(filters, " AND ")}
      ORDER BY p."createdAt", p."id"
      LIMIT ${pageSize}`);
    if (rows.length === 0) return;
    yield rows.map((row) => ({
      ...row,
      currency: row.currency,
      amountMinor: toMinorNumber(row.amountMinor),
      paidOn: row.paidOn ? fromDateColumn(row.paidOn) : null,
    }));
    if (rows.length < pageSize) return;
    const last: ExportQueryRow = rows[rows.length - 1];
    after = { createdAt: last.createdAt, id: last.id };
  }
}
