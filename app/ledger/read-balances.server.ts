import { Prisma } from "@prisma/client";
import type { LedgerAccount } from "../domain/ledger";
import { db, type DbTransaction } from "../db.server";
import { toMinorNumber } from "./to-minor-number";

type Client = DbTransaction | ReturnType<typeof db>;

export interface AccountTotal {
  account: LedgerAccount;
  currency: string;
  amountMinor: number;
}

/** Every account of a shop (creator accounts summed over creators), by currency: SQL sums. */
export async function readShopAccountTotals(shopId: string, client: Client = db()): Promise<AccountTotal[]> {
  const rows = await client.$queryRaw<{ account: LedgerAccount; currency: string; total: bigint }[]>(
    Prisma.sql`
      SELECT "account"::text AS account, "currency", SUM("amountMinor") AS total
      FROM "LedgerEntry" WHERE "shopId" = ${shopId}
      GROUP BY "account", "currency" ORDER BY "currency", "account"`,
  );
  return rows.map((row) => ({ account: row.account, currency: row.currency.trim(), amountMinor: toMinorNumber(row.total) }));
}

export interface CreatorBalance {
  creatorId: string;
  currency: string;
  held: number;
  gated: number;
  payable: number;
  inPayout: number;
}

/** Creator-level balances by creator and currency (only creators with ledger activity). */
export async function readCreatorBalances(
  shopId: string,
  creatorIds: string[] | "all",
  client: Client = db(),
): Promise<CreatorBalance[]> {
  if (creatorIds !== "all" && creatorIds.length === 0) return [];
  const creatorFilter =
    creatorIds === "all" ? Prisma.empty : Prisma.sql`AND "creatorId" IN (${Prisma.join(creatorIds)})`;
  const rows = await client.$queryRaw<
    { creatorId: string; currency: string; held: bigint; gated: bigint; payable: bigint; in_payout: bigint }[]
  >(Prisma.sql`
    SELECT "creatorId", "currency",
      COALESCE(SUM("amountMinor") FILTER (WHERE "account" = 'held'), 0) AS held,
      COALESCE(SUM("amountMinor") FILTER (WHERE "account" = 'gated'), 0) AS gated,
      COALESCE(SUM("amountMinor") FILTER (WHERE "account" = 'payable'), 0) AS payable,
      COALESCE(SUM("amountMinor") FILTER (WHERE "account" = 'in_payout'), 0) AS in_payout
    FROM "LedgerEntry"
    WHERE "shopId" = ${shopId} AND "creatorId" IS NOT NULL ${creatorFilter}
    GROUP BY "creatorId", "currency" ORDER BY "creatorId", "currency"`);
  return rows.map((row) => ({
    creatorId: row.creatorId,
    currency: row.currency.trim(),
    held: toMinorNumber(row.held),
    gated: toMinorNumber(row.gated),
    payable: toMinorNumber(row.payable),
    inPayout: toMinorNumber(row.in_payout),
  }));
}
