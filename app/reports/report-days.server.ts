// "ReportDay" is the Reports chart's daily aggregate (revenue and commission cost per shop, day and
// currency), kept by the same trigger statement as "ReportMonth" (see its migration). These
// functions compare it with, and rebuild it from, a recompute from the base tables
// ("AttributedOrder", "CommissionCost"), set-based, with the SQL function the migration filled it with.
import { Prisma } from "@prisma/client";
import { db } from "../db.server";
import { withTransaction } from "../db/transaction.server";
import { fromDateColumn } from "../domain/calendar";

export interface ReportDayDifference {
  day: string;
  currency: string;
  /** Figures as text (bigint) summed over the day's stripes, null when the day is missing on that side. */
  stored: { revenueMinor: string; paidRevenueMinor: string; commissionMinor: string } | null;
  recomputed: { revenueMinor: string; paidRevenueMinor: string; commissionMinor: string } | null;
}

/** Days where the maintained aggregate (summed over stripes) and a recompute from the base tables disagree (none, normally). Zeros count as absent. */
export async function findReportDayDifferences(shopId: string): Promise<ReportDayDifference[]> {
  const rows = await db().$queryRaw<(Omit<ReportDayDifference, "day"> & { day: Date })[]>(Prisma.sql`
    WITH stored AS (
      SELECT "day", "currency", SUM("revenueMinor")::bigint AS "revenueMinor", SUM("paidRevenueMinor")::bigint AS "paidRevenueMinor",
        SUM("commissionMinor")::bigint AS "commissionMinor"
      FROM "ReportDay" WHERE "shopId" = ${shopId}
      GROUP BY 1, 2
      HAVING SUM("revenueMinor") <> 0 OR SUM("paidRevenueMinor") <> 0 OR SUM("commissionMinor") <> 0
    ),
    base AS (SELECT * FROM "report_day_from_base"(${shopId}))
    SELECT COALESCE(s."day", b."day") AS "day", COALESCE(s."currency", b."currency") AS "currency",
      CASE WHEN s."day" IS NOT NULL THEN json_build_object('revenueMinor', s."revenueMinor"::text,
        'paidRevenueMinor', s."paidRevenueMinor"::text, 'commissionMinor', s."commissionMinor"::text) END AS "stored",
      CASE WHEN b."day" IS NOT NULL THEN json_build_object('revenueMinor', b."revenueMinor"::text,
        'paidRevenueMinor', b."paidRevenueMinor"::text, 'commissionMinor', b."commissionMinor"::text) END AS "recomputed"
    FROM stored s FULL JOIN base b ON b."day" = s."day" AND b."currency" = s."currency"
    WHERE s."day" IS NULL OR b."day" IS NULL OR s."revenueMinor" <> b."revenueMinor"
      OR s."paidRevenueMinor" <> b."paidRevenueMinor" OR s."commissionMinor" <> b."commissionMinor"
    ORDER BY 1, 2`);
  return rows.map((row) => ({ ...row, day: fromDateColumn(row.day) }));
}

/** Replaces the shop's day rows with a recompute from the base tables (stripe 0), in one transaction. */
export async function rebuildReportDays(shopId: string): Promise<number> {
  return withTransaction("longRunning", async (tx) => {
    await tx.$executeRaw(Prisma.sql`DELETE FROM "ReportDay" WHERE "shopId" = ${shopId}`);
    return tx.$executeRaw(Prisma.sql`INSERT INTO "ReportDay" SELECT * FROM "report_day_from_base"(${shopId})`);
  });
}
