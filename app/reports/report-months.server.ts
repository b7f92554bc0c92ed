// "ReportMonth" is the report's monthly aggregate, kept by the database with triggers in the
// writing transaction (see its migration). These functions recompute it from the base tables
// ("AttributedOrder", "CommissionCost", "ReferralClick"), set-based, with the same SQL function the
// migration filled it with: to compare (tests, a health check) and to repair it if it ever differed.
// The same for "ReportCreatorMonth", its rows summed over deals (migration 20261210100000).
import { Prisma } from "@prisma/client";
import { db } from "../db.server";
import { withTransaction } from "../db/transaction.server";
import { fromDateColumn } from "../domain/calendar";

const FIGURES = [
  "orders",
  "newCustomerOrders",
  "revenueMinor",
  "paidOrders",
  "paidNewCustomerOrders",
  "paidRevenueMinor",
  "commissionCosts",
  "commissionMinor",
  "clicks",
] as const;

export interface ReportMonthDifference {
  month: string;
  creatorId: string;
  dealId: string;
  currency: string;
  /** Figures as text (bigint), null when the row is missing on that side. */
  stored: Record<string, string> | null;
  recomputed: Record<string, string> | null;
}

/** Rows where the maintained aggregate and a recompute from the base tables disagree (none, normally). A row of zeros counts as absent. */
export async function findReportMonthDifferences(shopId: string): Promise<ReportMonthDifference[]> {
  const figures = (alias: string) =>
    Prisma.raw(`json_build_object(${FIGURES.map((name) => `'${name}', ${alias}."${name}"::text`).join(", ")})`);
  const differs = Prisma.raw(FIGURES.map((name) => `s."${name}" IS DISTINCT FROM b."${name}"`).join(" OR "));
  const nonZero = Prisma.raw(FIGURES.map((name) => `"${name}" <> 0`).join(" OR "));
  const rows = await db().$queryRaw<
    {
      month: Date;
      creatorId: string;
      dealId: string;
      currency: string;
      stored: Record<string, string> | null;
      recomputed: Record<string, string> | null;
    }[]
  >(Prisma.sql`
    WITH stored AS (SELECT * FROM "ReportMonth" WHERE "shopId" = ${shopId} AND (${nonZero})),
    base AS (SELECT * FROM "report_month_from_base"(${shopId}))
    SELECT COALESCE(s."month", b."month") AS "month", COALESCE(s."creatorId", b."creatorId") AS "creatorId",
      COALESCE(s."dealId", b."dealId") AS "dealId", COALESCE(s."currency", b."currency") AS "currency",
      CASE WHEN s."shopId" IS NOT NULL THEN ${figures("s")} END AS "stored",
      CASE WHEN b."shopId" IS NOT NULL THEN ${figures("b")} END AS "recomputed"
    FROM stored s FULL JOIN base b ON b."month" = s."month" AND b."creatorId" = s."creatorId" AND b."dealId" = s."dealId" AND b."currency" = s."currency"
    WHERE s."shopId" IS NULL OR b."shopId" IS NULL OR ${differs}
    ORDER BY 1, 2, 3, 4`);
  return rows.map((row) => ({ ...row, month: fromDateColumn(row.month) }));
}

/** Replaces the shop's rows with a recompute from the base tables, in one transaction. */
export async function rebuildReportMonths(shopId: string): Promise<number> {
  return withTransaction("longRunning", async (tx) => {
    await tx.$executeRaw(Prisma.sql`DELETE FROM "ReportMonth" WHERE "shopId" = ${shopId}`);
    return tx.$executeRaw(Prisma.sql`INSERT INTO "ReportMonth" SELECT * FROM "report_month_from_base"(${shopId})`);
  });
}

export interface ReportCreatorMonthDifference {
  month: string;
  creatorId: string;
  currency: string;
  /** Figures as text (bigint), null when the row is missing on that side. */
  stored: Record<string, string> | null;
  recomputed: Record<string, string> | null;
}

/**
 * "ReportCreatorMonth" (the month rows summed over deals, clicks in the shop-currency row, kept by
 * the same trigger statement): rows where it and a recompute from the base tables disagree (none,
 * normally). A row of zeros counts as absent.
 */
export async function findReportCreatorMonthDifferences(shopId: string): Promise<ReportCreatorMonthDifference[]> {
  const figures = (alias: string) =>
    Prisma.raw(`json_build_object(${FIGURES.map((name) => `'${name}', ${alias}."${name}"::text`).join(", ")})`);
  const differs = Prisma.raw(FIGURES.map((name) => `s."${name}" IS DISTINCT FROM b."${name}"`).join(" OR "));
  const nonZero = Prisma.raw(FIGURES.map((name) => `"${name}" <> 0`).join(" OR "));
  const rows = await db().$queryRaw<(Omit<ReportCreatorMonthDifference, "month"> & { month: Date })[]>(Prisma.sql`
    WITH stored AS (SELECT * FROM "ReportCreatorMonth" WHERE "shopId" = ${shopId} AND (${nonZero})),
    base AS (SELECT * FROM "report_creator_month_from_base"(${shopId}))
    SELECT COALESCE(s."month", b."month") AS "month", COALESCE(s."creatorId", b."creatorId") AS "creatorId",
      COALESCE(s."currency", b."currency") AS "currency",
      CASE WHEN s."shopId" IS NOT NULL THEN ${figures("s")} END AS "stored",
      CASE WHEN b."shopId" IS NOT NULL THEN ${figures("b")} END AS "recomputed"
    FROM stored s FULL JOIN base b ON b."month" = s."month" AND b."creatorId" = s."creatorId" AND b."currency" = s."currency"
    WHERE s."shopId" IS NULL OR b."shopId" IS NULL OR ${differs}
    ORDER BY 1, 2, 3`);
  return rows.map((row) => ({ ...row, month: fromDateColumn(row.month) }));
}

/** Replaces the shop's "ReportCreatorMonth" rows with a recompute from the base tables, in one transaction. */
export async function rebuildReportCreatorMonths(shopId: string): Promise<number> {
  return withTransaction("longRunning", async (tx) => {
    await tx.$executeRaw(Prisma.sql`DELETE FROM "ReportCreatorMonth" WHERE "shopId" = ${shopId}`);
    return tx.$executeRaw(Prisma.sql`INSERT INTO "ReportCreatorMonth" SELECT * FROM "report_creator_month_from_base"(${shopId})`);
  });
}
