import { Prisma } from "@prisma/client";
import type { DbTransaction } from "../db.server";
import { toMinorNumber } from "../ledger/to-minor-number";

/** Every ledger movement of a commission is posted with the commission as its subject. */
export const COMMISSION_SUBJECT = "commission";

/**
 * THE definition of what a commission has cost the shop so far (earned ± recomputes − clawbacks +
 * top-ups): the negated sum of the expense entries of the ledger transactions whose subject is the
 * commission. Every reader composes this fragment (recompute-and-diff, the deal page, the portal's
 * one-statement page), so the rule is written once. `commissionIds` is a list or a subquery of ids
 * (`Prisma.join(ids)` or `Prisma.sql\`SELECT …\``); the rows are "commissionId", "amountMinor", only
 * for commissions that have expense entries.
 */
export function commissionCostsSql(shopId: string, commissionIds: Prisma.Sql): Prisma.Sql {
  return commissionAccountSql(shopId, commissionIds, "expense", Prisma.sql`-SUM(e."amountMinor")`);
}

/** As commissionCostsSql, for the part of each commission still in `held`. */
function commissionHeldSql(shopId: string, commissionIds: Prisma.Sql): Prisma.Sql {
  return commissionAccountSql(shopId, commissionIds, "held", Prisma.sql`SUM(e."amountMinor")`);
}

function commissionAccountSql(shopId: string, commissionIds: Prisma.Sql, account: "expense" | "held", sum: Prisma.Sql) {
  return Prisma.sql`
    SELECT t."subjectId" AS "commissionId", ${sum} AS "amountMinor"
    FROM "LedgerTransaction" t JOIN "LedgerEntry" e ON e."transactionId" = t."id" AND e."shopId" = t."shopId"
    WHERE t."shopId" = ${shopId} AND t."subjectType" = ${COMMISSION_SUBJECT}::"LedgerSubjectType" AND t."subjectId" IN (${commissionIds})
      AND e."account" = ${account}::"LedgerAccount"
    GROUP BY t."subjectId"`;
}

/** What one commission has cost the shop so far (commissionCostsSql): recompute-and-diff compares it with what it deserves. */
export async function readCommissionPostedMinor(tx: DbTransaction, shopId: string, commissionId: string) {
  const rows = await tx.$queryRaw<{ amountMinor: bigint }[]>(commissionCostsSql(shopId, Prisma.sql`${commissionId}`));
  return toMinorNumber(rows[0]?.amountMinor ?? 0n);
}

/** The part of a commission still in `held`. */
export async function readCommissionHeldMinor(tx: DbTransaction, shopId: string, commissionId: string) {
  const rows = await tx.$queryRaw<{ amountMinor: bigint }[]>(commissionHeldSql(shopId, Prisma.sql`${commissionId}`));
  return toMinorNumber(rows[0]?.amountMinor ?? 0n);
}
