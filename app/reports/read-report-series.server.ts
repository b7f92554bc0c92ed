// Revenue and creator cost over time (shop currency only), for the chart of the Reports screen:
// the same definitions as the table, bucketed by day (or by month beyond 92 days) in the shop's
// time zone. Set-based SQL; one row per bucket comes back.
import { Prisma } from "@prisma/client";
import { db } from "../db.server";
import { instantRange } from "../documents/export-filters";
import { toMinorNumber } from "../ledger/to-minor-number";
import type { ReportShop } from "./read-report.server";
import { periodLength, type Period } from "./report-definitions";

export interface ReportSeriesPoint {
  /** First day of the bucket, YYYY-MM-DD in the shop's time zone. */
  bucket: string;
  revenueMinor: number;
  costMinor: number;
}

const timestamp = (date: Date) => Prisma.sql`${date.toISOString()}::timestamp(3)`;

export async function readReportSeries(shop: ReportShop, period: Period, campaignId?: string): Promise<{ unit: "day" | "month"; points: ReportSeriesPoint[] }> {
  const { start, end } = instantRange(period, shop.timezone) as { start: Date; end: Date };
  const unit = periodLength(period) > 92 ? "month" : "day";
  const bucketOf = (column: Prisma.Sql) =>
    Prisma.sql`date_trunc(${unit}, (${column} AT TIME ZONE 'UTC') AT TIME ZONE ${shop.timezone})::date`;
  const inPeriod = (column: Prisma.Sql) => Prisma.sql`${column} >= ${timestamp(start)} AND ${column} < ${timestamp(end)}`;
  const orderCampaign = campaignId ? Prisma.sql`AND o."dealId" IN (SELECT "id" FROM "Deal" WHERE "shopId" = ${shop.id} AND "campaignId" = ${campaignId})` : Prisma.empty;
  const rows = await db().$queryRaw<{ bucket: Date; revenue: bigint; cost: bigint }[]>(Prisma.sql`
    WITH movements AS (
      SELECT ${bucketOf(Prisma.sql`o."orderedAt"`)} AS "bucket", (o."subtotalMinor" - o."refundedMinor") AS "revenue", 0::bigint AS "cost"
      FROM "AttributedOrder" o
      WHERE o."shopId" = ${shop.id} AND ${inPeriod(Prisma.sql`o."orderedAt"`)} AND o."creatorId" IS NOT NULL
        AND NOT o."isTest" AND o."cancelledAt" IS NULL AND o."currency" = ${shop.currency}
        AND (${!shop.countPaidOrdersOnly} OR o."paidAt" IS NOT NULL) ${orderCampaign}
      UNION ALL
      SELECT ${bucketOf(Prisma.sql`cc."orderedAt"`)}, 0, cc."amountMinor"
      FROM "CommissionCost" cc
      WHERE cc."shopId" = ${shop.id} AND ${inPeriod(Prisma.sql`cc."orderedAt"`)} AND cc."currency" = ${shop.currency}
        ${campaignId ? Prisma.sql`AND cc."dealId" IN (SELECT "id" FROM "Deal" WHERE "shopId" = ${shop.id} AND "campaignId" = ${campaignId})` : Prisma.empty}
      UNION ALL
      SELECT ${bucketOf(Prisma.sql`f."createdAt"`)}, 0, f."amountMinor"
      FROM "FixedFee" f JOIN "Deal" d ON d."id" = f."dealId"
      WHERE f."shopId" = ${shop.id} AND f."status" <> 'canceled' AND f."currency" = ${shop.currency} AND ${inPeriod(Prisma.sql`f."createdAt"`)}
        ${campaignId ? Prisma.sql`AND COALESCE(f."campaignId", d."campaignId") = ${campaignId}` : Prisma.empty}
      UNION ALL
      SELECT ${bucketOf(Prisma.sql`a."createdAt"`)}, 0, a."amountMinor"
      FROM "Adjustment" a LEFT JOIN "Deal" d ON d."id" = a."dealId"
      WHERE a."shopId" = ${shop.id} AND a."currency" = ${shop.currency} AND ${inPeriod(Prisma.sql`a."createdAt"`)}
        ${campaignId ? Prisma.sql`AND d."campaignId" = ${campaignId}` : Prisma.empty}
    ), buckets AS (
      SELECT generate_series(date_trunc(${unit}, ${period.from}::date), ${period.to}::date, ('1 ' || ${unit})::interval)::date AS "bucket"
    )
    SELECT b."bucket", COALESCE(SUM(m."revenue"), 0) AS "revenue", COALESCE(SUM(m."cost"), 0) AS "cost"
    FROM buckets b LEFT JOIN movements m ON m."bucket" = b."bucket"
    GROUP BY b."bucket" ORDER BY b."bucket"`);
  return {
    unit,
    points: rows.map((row) => ({ bucket: row.bucket.toISOString().slice(0, 10), revenueMinor: toMinorNumber(row.revenue), costMinor: toMinorNumber(row.cost) })),
  };
}
