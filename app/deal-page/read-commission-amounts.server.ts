import { Prisma } from "@prisma/client";
import type { CommissionStatus } from "@prisma/client";
import { commissionCostsSql } from "../commissions/commission-amounts.server";
import type { DisplayMinor } from "../domain/money";
import { toDisplayMinor } from "../ledger/to-minor-number";

/**
 * Per commission of the creator: what it has cost the shop (the one definition, commissionCostsSql),
 * rows of "commissionId", "amountMinor". The deal page's statement reads it once as a CTE, for its
 * totals by status and for its orders' commissions (which are the creator's too).
 */
export const creatorCommissionCostsSql = (shopId: string, creatorId: string) =>
  commissionCostsSql(shopId, Prisma.sql`SELECT "id" FROM "Commission" WHERE "shopId" = ${shopId} AND "creatorId" = ${creatorId}`);

export interface CommissionStatusTotal {
  status: CommissionStatus;
  currency: string;
  count: number;
  /** Exact however large (a bigint past 2^53: see toDisplayMinor). */
  amountMinor: DisplayMinor;
}

/**
 * The creator's commissions by status and currency: how many, and what they cost per the ledger
 * (rows of status, currency, count, amountMinor). `costs` names the relation of
 * creatorCommissionCostsSql's rows (the deal page's CTE).
 */
export const commissionTotalsSql = (shopId: string, creatorId: string, costs: Prisma.Sql) => Prisma.sql`
    SELECT c."status"::text AS status, c."currency", COUNT(*)::int AS count, COALESCE(SUM(a."amountMinor"), 0) AS "amountMinor"
    FROM "Commission" c LEFT JOIN ${costs} a ON a."commissionId" = c."id"
    WHERE c."shopId" = ${shopId} AND c."creatorId" = ${creatorId}
    GROUP BY c."status", c."currency"`;

/** A row of commissionTotalsSql (its sum as a bigint, or as text out of JSON). */
export function toCommissionStatusTotal(row: {
  status: CommissionStatus;
  currency: string;
  count: number;
  amountMinor: bigint | string;
}): CommissionStatusTotal {
  return { status: row.status, currency: row.currency, count: row.count, amountMinor: toDisplayMinor(row.amountMinor) };
}
