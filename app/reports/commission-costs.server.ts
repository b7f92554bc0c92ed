// "CommissionCost" is an aggregate the database keeps current with triggers (see its migration).
// These functions recompute it from the ledger, set-based: to compare (tests, a health check) and
// to repair it if it were ever found to differ.
import { Prisma } from "@prisma/client";
import { db } from "../db.server";
import { toMinorNumber } from "../ledger/to-minor-number";
import { withTransaction } from "../db/transaction.server";

const fromLedger = (shopId: string) => Prisma.sql`
  SELECT cm."id" AS "commissionId", e."currency", cm."shopId", o."id" AS "orderId", o."creatorId", o."dealId", o."orderedAt",
    -SUM(e."amountMinor") AS "amountMinor"
  FROM "Commission" cm
  JOIN "AttributedOrder" o ON o."id" = cm."orderId"
  JOIN "LedgerTransaction" t ON t."shopId" = cm."shopId" AND t."subjectType" = 'commission' AND t."subjectId" = cm."id"
  JOIN "LedgerEntry" e ON e."transactionId" = t."id" AND e."account" = 'expense'
  WHERE cm."shopId" = ${shopId}
  GROUP BY cm."id", e."currency", cm."shopId", o."id"`;

export interface CommissionCostDifference {
  commissionId: string;
  currency: string;
  storedMinor: number | null;
  ledgerMinor: number | null;
}

/** Rows where the maintained aggregate and a recompute from the ledger disagree (none, normally). */
export async function findCommissionCostDifferences(shopId: string): Promise<CommissionCostDifference[]> {
  const rows = await db().$queryRaw<{ commissionId: string; currency: string; stored: bigint | null; ledger: bigint | null }[]>(Prisma.sql`
    WITH ledger AS (${fromLedger(shopId)}),
    stored AS (SELECT * FROM "CommissionCost" WHERE "shopId" = ${shopId})
    SELECT COALESCE(s."commissionId", l."commissionId") AS "commissionId", COALESCE(s."currency", l."currency") AS "currency",
      s."amountMinor" AS "stored", l."amountMinor" AS "ledger"
    FROM stored s FULL JOIN ledger l ON l."commissionId" = s."commissionId" AND l."currency" = s."currency"
    WHERE s."commissionId" IS NULL OR l."commissionId" IS NULL OR s."amountMinor" <> l."amountMinor"
      OR s."orderId" <> l."orderId" OR s."orderedAt" <> l."orderedAt"
      OR s."creatorId" IS DISTINCT FROM l."creatorId" OR s."dealId" IS DISTINCT FROM l."dealId"`);
  return rows.map((row) => ({
    commissionId: row.commissionId,
    currency: row.currency,
    storedMinor: row.stored === null ? null : toMinorNumber(row.stored),
    ledgerMinor: row.ledger === null ? null : toMinorNumber(row.ledger),
  }));
}

/** Replaces the shop's rows with a recompute from the ledger, in one transaction. */
export async function rebuildCommissionCosts(shopId: string): Promise<number> {
  return withTransaction("short", async (tx) => {
    await tx.$executeRaw(Prisma.sql`DELETE FROM "CommissionCost" WHERE "shopId" = ${shopId}`);
    return tx.$executeRaw(Prisma.sql`
      INSERT INTO "CommissionCost" ("commissionId", "currency", "shopId", "orderId", "creatorId", "dealId", "orderedAt", "amountMinor")
      ${fromLedger(shopId)}`);
  });
}
