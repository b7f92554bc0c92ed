import { Prisma } from "@prisma/client";
import type { LedgerAccount } from "../domain/ledger";
import { db, type DbTransaction } from "../db.server";
import type { DisplayMinor } from "../domain/money";
import { toDisplayMinor, toMinorNumber } from "./to-minor-number";

type Client = DbTransaction | ReturnType<typeof db>;

export interface AccountTotal {
  account: LedgerAccount;
  currency: string;
  amountMinor: DisplayMinor;
}

/** Every account of a shop (creator accounts summed over creators), by currency: SQL sums. */
export async function readShopAccountTotals(shopId: string, client: Client = db()): Promise<AccountTotal[]> {
  const rows = await client.$queryRaw<{ account: LedgerAccount; currency: string; total: bigint }[]>(
    Prisma.sql`
      SELECT "account"::text AS account, "currency", SUM("amountMinor") AS total
      FROM "LedgerEntry" WHERE "shopId" = ${shopId}
      GROUP BY "account", "currency" ORDER BY "currency", "account"`,
  );
  return rows.map((row) => ({ account: row.account, currency: row.currency, amountMinor: toDisplayMinor(row.total) }));
}

export interface CreatorBalanceOf<Amount> {
  creatorId: string;
  currency: string;
  held: Amount;
  gated: Amount;
  payable: Amount;
  inPayout: Amount;
}
/** Balances to compute with (payouts, requests): refuses, with a sentence, a sum that is not exact. */
export type CreatorBalance = CreatorBalanceOf<number>;
/** Balances to show: exact however large (see toDisplayMinor). */
export type CreatorDisplayBalance = CreatorBalanceOf<DisplayMinor>;

/** Creator-level balances by creator and currency (only creators with ledger activity). */
export async function readCreatorBalances(
  shopId: string,
  creatorIds: string[] | "all",
  client: Client = db(),
): Promise<CreatorBalance[]> {
  return readBalanceRows(shopId, creatorIds, client, toMinorNumber);
}

/** As readCreatorBalances, for pages: never throws on a sum past 2^53. */
export async function readCreatorDisplayBalances(
  shopId: string,
  creatorIds: string[] | "all",
  client: Client = db(),
): Promise<CreatorDisplayBalance[]> {
  return readBalanceRows(shopId, creatorIds, client, toDisplayMinor);
}

async function readBalanceRows<Amount>(
  shopId: string,
  creatorIds: string[] | "all",
  client: Client,
  convert: (value: bigint) => Amount,
): Promise<CreatorBalanceOf<Amount>[]> {
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
    currency: row.currency,
    held: convert(row.held),
    gated: convert(row.gated),
    payable: convert(row.payable),
    inPayout: convert(row.in_payout),
  }));
}
