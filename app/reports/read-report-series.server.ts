// Revenue and creator cost over time (shop currency only), for the chart of the Reports screen:
// the same definitions as the table, bucketed by day (or by month beyond 92 days) in the shop's
// time zone. Set-based SQL; one row per bucket comes back. The whole shop's series is read from
// the daily aggregate "ReportDay" (a few rows a day); a campaign's from the base tables.
import { Prisma } from "@prisma/client";
import { db } from "../db.server";
import { instantRange } from "../domain/calendar";
import type { DisplayMinor } from "../domain/money";
import { toDisplayMinor } from "../ledger/to-minor-number";
import type { ReportShop } from "./read-report.server";
import { periodLength, type Period } from "./report-definitions";

export interface ReportSeriesPoint {
  /** First day of the bucket, YYYY-MM-DD in the shop's time zone. */
  bucket: string;
  revenueMinor: DisplayMinor;
  costMinor: DisplayMinor;
}

const timestamp = (date: Date) => Prisma.sql`${date.toISOString()}::timestamp(3)`;

/** Where the orders' and commission costs' sums come from; "base" is the recompute tests hold the aggregate to. */
export type ReportSeriesSource = "aggregate" | "base";

export async function readReportSeries(
  shop: ReportShop,
  period: Period,
  campaignId?: string,
  options: { source?: ReportSeriesSource } = {},
): Promise<{ unit: "day" | "month"; points: ReportSeriesPoint[] }> {
  const { unit, statement } = reportSeriesStatement(shop, period, campaignId, options);
  const rows = await db().$queryRaw<{ bucket: Date; revenue: bigint; cost: bigint }[]>(statement);
  return {
    unit,
    points: rows.map((row) => ({
      bucket: row.bucket.toISOString().slice(0, 10),
      revenueMinor: toDisplayMinor(row.revenue),
      costMinor: toDisplayMinor(row.cost),
    })),
  };
}

/**
 * The statement behind the series (exported for EXPLAIN). Without a campaign, orders' and
 * commission costs' sums come from "ReportDay" (the shop's days, summed over their stripes). For a
 * campaign (whose deals may change campaign, so no aggregate keeps it) or `source: "base"`, they
 * are summed per bucket by an index range scan between the bucket's first and last instant,
 * computed once per bucket: no time-zone conversion per row, which cost more than the scans
 * themselves. Fees and adjustments (a few per creator) are bucketed row by row.
 */
export function reportSeriesStatement(
  shop: ReportShop,
  period: Period,
  campaignId?: string,
  options: { source?: ReportSeriesSource } = {},
): { unit: "day" | "month"; statement: Prisma.Sql } {
  const { start, end } = instantRange(period, shop.timezone) as { start: Date; end: Date };
  const unit = periodLength(period) > 92 ? "month" : "day";
  const fromAggregate = !campaignId && (options.source ?? "aggregate") === "aggregate";
  const bucketOf = (column: Prisma.Sql) =>
    Prisma.sql`date_trunc(${unit}, (${column} AT TIME ZONE 'UTC') AT TIME ZONE ${shop.timezone})::date`;
  const inPeriod = (column: Prisma.Sql) => Prisma.sql`${column} >= ${timestamp(start)} AND ${column} < ${timestamp(end)}`;
  // The local midnight starting a bucket, as the UTC timestamp the columns store.
  const utcStartOf = (localDay: Prisma.Sql) => Prisma.sql`((${localDay})::timestamp AT TIME ZONE ${shop.timezone}) AT TIME ZONE 'UTC'`;
  const inBucket = (column: Prisma.Sql) => Prisma.sql`${column} >= b."from" AND ${column} < b."until"`;
  const ofCampaign = (column: Prisma.Sql) => (campaignId ? Prisma.sql`AND ${column} IN (SELECT "id" FROM campaign_deals)` : Prisma.empty);
  // The shop's days from the aggregate: its rows in the period grouped into buckets, joined to every bucket.
  const aggregatedSums = Prisma.sql`, days AS (
      SELECT date_trunc(${unit}, r."day")::date AS "bucket",
        SUM(${shop.countPaidOrdersOnly ? Prisma.sql`r."paidRevenueMinor"` : Prisma.sql`r."revenueMinor"`})::bigint AS "revenue",
        SUM(r."commissionMinor")::bigint AS "cost"
      FROM "ReportDay" r
      WHERE r."shopId" = ${shop.id} AND r."currency" = ${shop.currency} AND r."day" >= ${period.from}::date AND r."day" <= ${period.to}::date
      GROUP BY 1
    )
    SELECT b."bucket", COALESCE(t."revenue", 0) AS "revenue", COALESCE(t."cost", 0) + COALESCE(s."cost", 0) AS "cost"
    FROM buckets b LEFT JOIN days t ON t."bucket" = b."bucket" LEFT JOIN small s ON s."bucket" = b."bucket"
    ORDER BY b."bucket"`;
  const baseSums = Prisma.sql`
    SELECT b."bucket",
      COALESCE((SELECT SUM(o."subtotalMinor" - o."refundedMinor") FROM "AttributedOrder" o
        WHERE o."shopId" = ${shop.id} AND ${inBucket(Prisma.sql`o."orderedAt"`)} AND o."creatorId" IS NOT NULL
          AND NOT o."isTest" AND o."cancelledAt" IS NULL AND o."currency" = ${shop.currency}
          AND (${!shop.countPaidOrdersOnly} OR o."paidAt" IS NOT NULL) ${ofCampaign(Prisma.sql`o."dealId"`)}), 0) AS "revenue",
      COALESCE((SELECT SUM(cc."amountMinor") FROM "CommissionCost" cc
        WHERE cc."shopId" = ${shop.id} AND ${inBucket(Prisma.sql`cc."orderedAt"`)} AND cc."currency" = ${shop.currency}
          ${ofCampaign(Prisma.sql`cc."dealId"`)}), 0) + COALESCE(s."cost", 0) AS "cost"
    FROM buckets b LEFT JOIN small s ON s."bucket" = b."bucket"
    ORDER BY b."bucket"`;

  const statement = Prisma.sql`
    WITH campaign_deals AS MATERIALIZED (
      SELECT "id" FROM "Deal" WHERE "shopId" = ${shop.id} AND "campaignId" = ${campaignId ?? null}
    ), buckets AS MATERIALIZED (
      SELECT d."bucket",
        GREATEST(${utcStartOf(Prisma.sql`d."bucket"`)}, ${timestamp(start)}) AS "from",
        LEAST(${utcStartOf(Prisma.sql`d."bucket" + ('1 ' || ${unit})::interval`)}, ${timestamp(end)}) AS "until"
      FROM (SELECT generate_series(date_trunc(${unit}, ${period.from}::date), ${period.to}::date, ('1 ' || ${unit})::interval)::date AS "bucket") d
    ), small AS ( -- the deal only for a campaign's fees (every fee has one)
      SELECT m."bucket", SUM(m."cost") AS "cost" FROM (
        SELECT ${bucketOf(Prisma.sql`f."createdAt"`)} AS "bucket", f."amountMinor" AS "cost"
        FROM "FixedFee" f ${campaignId ? Prisma.sql`JOIN "Deal" d ON d."id" = f."dealId"` : Prisma.empty}
        WHERE f."shopId" = ${shop.id} AND f."status" <> 'canceled' AND f."currency" = ${shop.currency} AND ${inPeriod(Prisma.sql`f."createdAt"`)}
          ${campaignId ? Prisma.sql`AND COALESCE(f."campaignId", d."campaignId") = ${campaignId}` : Prisma.empty}
        UNION ALL
        SELECT ${bucketOf(Prisma.sql`a."createdAt"`)}, a."amountMinor"
        FROM "Adjustment" a LEFT JOIN "Deal" d ON d."id" = a."dealId"
        WHERE a."shopId" = ${shop.id} AND a."currency" = ${shop.currency} AND ${inPeriod(Prisma.sql`a."createdAt"`)}
          ${campaignId ? Prisma.sql`AND d."campaignId" = ${campaignId}` : Prisma.empty}
      ) m GROUP BY 1
    )
    ${fromAggregate ? aggregatedSums : baseSums}`;
  return { unit, statement };
}
