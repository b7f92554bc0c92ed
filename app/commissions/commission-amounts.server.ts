import { Prisma } from "@prisma/client";
import type { DbTransaction } from "../db.server";
import { toMinorNumber } from "../ledger/to-minor-number";

/** Every ledger movement of a commission is posted with the commission as its subject. */
export const COMMISSION_SUBJECT = "commission";

/**
 * What a commission has cost the shop so far (earned ± recomputes − clawbacks + top-ups): the
 * negated sum of its expense entries. Recompute-and-diff compares this with what it deserves.
 */
export async function readCommissionPostedMinor(tx: DbTransaction, shopId: string, commissionId: string) {
  const rows = await tx.$queryRaw<{ total: bigint | null }[]>(Prisma.sql`
    SELECT SUM(e."amountMinor") AS total
    FROM "LedgerTransaction" t JOIN "LedgerEntry" e ON e."transactionId" = t."id"
    WHERE t."shopId" = ${shopId} AND t."subjectType" = ${COMMISSION_SUBJECT} AND t."subjectId" = ${commissionId}
      AND e."account" = 'expense'`);
  return -toMinorNumber(rows[0]?.total ?? 0n);
}

/** The part of a commission still in `held`. */
export async function readCommissionHeldMinor(tx: DbTransaction, shopId: string, commissionId: string) {
  const rows = await tx.$queryRaw<{ total: bigint | null }[]>(Prisma.sql`
    SELECT SUM(e."amountMinor") AS total
    FROM "LedgerTransaction" t JOIN "LedgerEntry" e ON e."transactionId" = t."id"
    WHERE t."shopId" = ${shopId} AND t."subjectType" = ${COMMISSION_SUBJECT} AND t."subjectId" = ${commissionId}
      AND e."account" = 'held'`);
  return toMinorNumber(rows[0]?.total ?? 0n);
}
