// A commission's plan snapshot is stored once per distinct plan of a shop, as an immutable,
// content-addressed row (CommissionPlanVersion, migration 20261210120000); a commission keeps its
// version's id. The batch writer (write-order-plans.server.ts) calls the same SQL function per
// distinct snapshot of a batch; this is the one-commission form (seeds, imports).
import { Prisma } from "@prisma/client";
import type { DbTransaction } from "../db.server";

/** The id of the shop's version of this snapshot, written when it is new. */
export async function commissionPlanVersion(tx: DbTransaction, shopId: string, snapshot: unknown): Promise<string> {
  const [row] = await tx.$queryRaw<{ id: string }[]>(
    Prisma.sql`SELECT commission_plan_version(${shopId}, ${JSON.stringify(snapshot)}::jsonb) AS "id"`,
  );
  return row!.id;
}
