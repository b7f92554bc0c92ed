// What an import is checked against: the shop's creators (with their codes and own rate) and
// the opening balances already imported. Read in the caller's transaction.
import { Prisma } from "@prisma/client";
import type { DbTransaction } from "../db.server";
import type { ExistingCreator, ImportPayoutMethod, ShopCreatorsSnapshot } from "../domain/creator-import/validate-import-rows";

export async function readShopCreatorsSnapshot(tx: DbTransaction, shopId: string): Promise<ShopCreatorsSnapshot> {
  const creators = await tx.$queryRaw<(Omit<ExistingCreator, "discountCodes"> & { discountCodes: string[] | null })[]>(Prisma.sql`
    SELECT c."id", c."name", c."email", c."referralCode", c."payoutMethod"::text AS "payoutMethod",
      CASE WHEN p."kind" = 'percentage' THEN p."rateBasisPoints" END AS "rateBasisPoints",
      (SELECT array_agg(d."code" ORDER BY d."code") FROM "DiscountCode" d WHERE d."creatorId" = c."id") AS "discountCodes"
    FROM "Creator" c LEFT JOIN "CommissionPlan" p ON p."id" = c."commissionPlanId"
    WHERE c."shopId" = ${shopId}`);
  const codes = await tx.$queryRaw<{ code: string; creatorId: string; name: string }[]>(Prisma.sql`
    SELECT d."code", d."creatorId", c."name" FROM "DiscountCode" d JOIN "Creator" c ON c."id" = d."creatorId"
    WHERE d."shopId" = ${shopId}`);
  const keys = await tx.$queryRaw<{ idempotencyKey: string }[]>(Prisma.sql`
    SELECT "idempotencyKey" FROM "LedgerTransaction" WHERE "shopId" = ${shopId} AND "idempotencyKey" LIKE 'opening-balance:%'`);
  return {
    creators: creators.map((c) => ({
      ...c,
      payoutMethod: c.payoutMethod as ImportPayoutMethod | null,
      discountCodes: c.discountCodes ?? [],
    })),
    discountCodeOwners: new Map(codes.map((c) => [c.code, { creatorId: c.creatorId, name: c.name }])),
    postedOpeningBalanceKeys: new Set(keys.map((k) => k.idempotencyKey)),
  };
}
