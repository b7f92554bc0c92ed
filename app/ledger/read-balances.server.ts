// THE way to read a balance. Creator accounts (held, gated, payable, in_payout) come from
// "AccountBalance", which the database keeps equal to the sum of the entries in the same
// transaction as every posting (trigger keep_account_balances, migration
// 20261204100000_account_balance): one row per account, not a sum over the ledger's history.
// A shop's totals of those accounts (over its creators) come from "ShopAccountBalance", kept by the
// same trigger statement in stripes (migration 20261209140000_shop_account_balance).
// Shop-level accounts (expense, paid_*) have no kept row (every posting of a shop would wait on
// it) and are summed from their entries, on the (shop, creator, currency, account) index.
import { Prisma } from "@prisma/client";
import {
  CREATOR_LEDGER_ACCOUNTS,
  LEDGER_ACCOUNTS,
  isCreatorLedgerAccount,
  type CreatorLedgerAccount,
  type LedgerAccount,
  type ShopLedgerAccount,
} from "../domain/ledger";
import { db, type DbTransaction } from "../db.server";
import type { DisplayMinor } from "../domain/money";
import { toDisplayMinor, toMinorNumber } from "./to-minor-number";

type Client = DbTransaction | ReturnType<typeof db>;

export interface BalanceQuery {
  shopId: string;
  /** One creator, some, or (omitted) all of the shop's. Shop-level accounts ignore it. */
  creatorId?: string | readonly string[];
  currency?: string;
  accounts: readonly LedgerAccount[];
  /** False sums creator accounts over the creators (a shop's totals): rows then have creatorId null. */
  byCreator?: boolean;
  /** Only creator-account rows whose balance is above zero (e.g. who is owed: the rows stay few when most are settled). */
  positiveOnly?: boolean;
}

export interface AccountBalanceRow {
  /** Null for shop-level accounts and for totals over creators. */
  creatorId: string | null;
  currency: string;
  account: LedgerAccount;
  /** Exact: bigint as stored. Convert with toMinorNumber (to compute) or toDisplayMinor (to show). */
  balanceMinor: bigint;
}

/** Balances by (creator,) currency and account: only accounts that have ever had an entry. */
export async function readBalances(query: BalanceQuery, client: Client = db()): Promise<AccountBalanceRow[]> {
  const creatorAccounts = query.accounts.filter(isCreatorLedgerAccount);
  const shopAccounts = query.accounts.filter((account) => !isCreatorLedgerAccount(account));
  const creatorIds = query.creatorId === undefined ? undefined : typeof query.creatorId === "string" ? [query.creatorId] : query.creatorId;
  if (creatorIds !== undefined && creatorIds.length === 0 && shopAccounts.length === 0) return [];
  const currencyFilter = query.currency === undefined ? Prisma.empty : Prisma.sql`AND "currency" = ${query.currency}`;
  const byCreator = query.byCreator !== false;
  const parts: Prisma.Sql[] = [];
  // The account compared as the enum, not as text, so the (shop, account, currency) index can seek
  // to one account (the Payouts list's "who is owed" reads the payable rows only).
  if (creatorAccounts.length > 0 && creatorIds === undefined && !byCreator) {
    // A shop's totals: the kept shop rows (a few stripes per currency and account), not every
    // creator's account.
    parts.push(Prisma.sql`
      SELECT NULL::text AS "creatorId", "currency", "account"::text AS "account", SUM("balanceMinor")::bigint AS "balanceMinor"
      FROM "ShopAccountBalance"
      WHERE "shopId" = ${query.shopId} AND "account" = ANY(${[...creatorAccounts]}::"LedgerAccount"[]) ${currencyFilter}
      GROUP BY 1, 2, 3 ${query.positiveOnly ? Prisma.sql`HAVING SUM("balanceMinor") > 0` : Prisma.empty}`);
  } else if (creatorAccounts.length > 0 && (creatorIds === undefined || creatorIds.length > 0)) {
    // Every creator's positive accounts ("who is owed"): when the kept shop rows count none above
    // zero, a one-time filter skips reading every creator's row.
    const anyPositive =
      creatorIds === undefined && query.positiveOnly
        ? Prisma.sql`AND (SELECT COALESCE(SUM(s."positiveAccounts"), 0) FROM "ShopAccountBalance" s
            WHERE s."shopId" = ${query.shopId} AND s."account" = ANY(${[...creatorAccounts]}::"LedgerAccount"[])
            ${query.currency === undefined ? Prisma.empty : Prisma.sql`AND s."currency" = ${query.currency}`}) > 0`
        : Prisma.empty;
    const creatorFilter = creatorIds === undefined ? Prisma.empty : Prisma.sql`AND "creatorId" = ANY(${[...creatorIds]}::text[])`;
    const creatorColumn = byCreator ? Prisma.sql`"creatorId"` : Prisma.sql`NULL::text`;
    parts.push(Prisma.sql`
      SELECT ${creatorColumn} AS "creatorId", "currency", "account"::text AS "account", SUM("balanceMinor")::bigint AS "balanceMinor"
      FROM "AccountBalance"
      WHERE "shopId" = ${query.shopId} AND "account" = ANY(${[...creatorAccounts]}::"LedgerAccount"[]) ${creatorFilter} ${currencyFilter} ${anyPositive}
      GROUP BY 1, 2, 3 ${query.positiveOnly ? Prisma.sql`HAVING SUM("balanceMinor") > 0` : Prisma.empty}`);
  }
  if (shopAccounts.length > 0) {
    parts.push(Prisma.sql`
      SELECT NULL::text AS "creatorId", "currency", "account"::text AS "account", SUM("amountMinor")::bigint AS "balanceMinor"
      FROM "LedgerEntry"
      WHERE "shopId" = ${query.shopId} AND "creatorId" IS NULL AND "account" = ANY(${[...shopAccounts]}::"LedgerAccount"[]) ${currencyFilter}
      GROUP BY 1, 2, 3`);
  }
  if (parts.length === 0) return [];
  const rows = await client.$queryRaw<{ creatorId: string | null; currency: string; account: LedgerAccount; balanceMinor: bigint }[]>(
    Prisma.sql`${Prisma.join(parts, " UNION ALL ")} ORDER BY 1, 2, 3`,
  );
  return rows.map((row) => ({ ...row, currency: row.currency, balanceMinor: BigInt(row.balanceMinor) }));
}

/** The rows where "AccountBalance" and the sum of the entries differ: none while they are in step. */
export async function findAccountBalanceDrift(shopId: string, client: Client = db()) {
  return client.$queryRaw<{ creatorId: string; currency: string; account: string; storedMinor: bigint; entriesMinor: bigint }[]>(
    Prisma.sql`SELECT * FROM account_balance_drift(${shopId}) ORDER BY 1, 2, 3`,
  );
}

export interface AccountTotal {
  account: LedgerAccount;
  currency: string;
  amountMinor: DisplayMinor;
}

/** The (currency, account) rows where "ShopAccountBalance" differs from the shop's entries or its creator accounts: none while in step. */
export async function findShopAccountBalanceDrift(shopId: string, client: Client = db()) {
  return client.$queryRaw<
    { currency: string; account: string; storedMinor: bigint; entriesMinor: bigint; storedPositive: bigint; accountsPositive: bigint }[]
  >(Prisma.sql`SELECT * FROM shop_account_balance_drift(${shopId}) ORDER BY 1, 2`);
}

/**
 * How many of the shop's creator accounts of this kind are above zero (in any currency), from the
 * kept shop rows: 0 answers "is anyone owed?" without reading every creator's account.
 */
export async function countPositiveCreatorAccounts(shopId: string, account: CreatorLedgerAccount, client: Client = db()): Promise<number> {
  const [row] = await client.$queryRaw<{ positive: bigint }[]>(Prisma.sql`
    SELECT COALESCE(SUM("positiveAccounts"), 0)::bigint AS positive
    FROM "ShopAccountBalance" WHERE "shopId" = ${shopId} AND "account" = ${account}::"LedgerAccount"`);
  return Number(row?.positive ?? 0n);
}

/** Every account of a shop (creator accounts summed over creators), by currency. */
export async function readShopAccountTotals(shopId: string, client: Client = db()): Promise<AccountTotal[]> {
  return readShopTotals(shopId, LEDGER_ACCOUNTS, client);
}

/** The given accounts of a shop, summed over creators, by currency. */
export async function readShopTotals(shopId: string, accounts: readonly LedgerAccount[], client: Client = db()): Promise<AccountTotal[]> {
  const rows = await readBalances({ shopId, accounts, byCreator: false }, client);
  return rows
    .map((row) => ({ account: row.account, currency: row.currency, amountMinor: toDisplayMinor(row.balanceMinor) }))
    .sort((a, b) =>
      a.currency === b.currency
        ? LEDGER_ACCOUNTS.indexOf(a.account) - LEDGER_ACCOUNTS.indexOf(b.account)
        : a.currency < b.currency
          ? -1
          : 1,
    );
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
export async function readCreatorBalances(shopId: string, creatorIds: string[] | "all", client: Client = db()): Promise<CreatorBalance[]> {
  return readCreatorBalanceRows(shopId, creatorIds, client, toMinorNumber);
}

/** As readCreatorBalances, for pages: never throws on a sum past 2^53. */
export async function readCreatorDisplayBalances(
  shopId: string,
  creatorIds: string[] | "all",
  client: Client = db(),
): Promise<CreatorDisplayBalance[]> {
  return readCreatorBalanceRows(shopId, creatorIds, client, toDisplayMinor);
}

/** One creator's payable balance in one currency, to compute with (0 when it never had one). */
export async function readPayableBalance(client: Client, where: { shopId: string; creatorId: string; currency: string }): Promise<number> {
  const [row] = await readBalances({ ...where, accounts: ["payable"] }, client);
  return toMinorNumber(row?.balanceMinor ?? 0n);
}

async function readCreatorBalanceRows<Amount>(
  shopId: string,
  creatorIds: string[] | "all",
  client: Client,
  convert: (value: bigint) => Amount,
): Promise<CreatorBalanceOf<Amount>[]> {
  if (creatorIds !== "all" && creatorIds.length === 0) return [];
  const rows = await readBalances(
    { shopId, creatorId: creatorIds === "all" ? undefined : creatorIds, accounts: CREATOR_LEDGER_ACCOUNTS },
    client,
  );
  const balances = new Map<string, CreatorBalanceOf<bigint>>();
  for (const row of rows) {
    const key = `${row.creatorId}\u0000${row.currency}`;
    let balance = balances.get(key);
    if (!balance) {
      balance = { creatorId: row.creatorId!, currency: row.currency, held: 0n, gated: 0n, payable: 0n, inPayout: 0n };
      balances.set(key, balance);
    }
    if (row.account === "in_payout") balance.inPayout = row.balanceMinor;
    else if (row.account === "held" || row.account === "gated" || row.account === "payable") balance[row.account] = row.balanceMinor;
  }
  // In the database's order (creator, currency), as readBalances returned them.
  return [...balances.values()].map((balance) => ({
    creatorId: balance.creatorId,
    currency: balance.currency,
    held: convert(balance.held),
    gated: convert(balance.gated),
    payable: convert(balance.payable),
    inPayout: convert(balance.inPayout),
  }));
}

/**
 * The same kept balances as a subquery, for a read model that must stay one statement (the portal
 * page, the payout chooser's snapshot): columns "currency", held, gated, payable, in_payout, one
 * row per currency in which the creator has accounts.
 */
export function creatorBalancesSql(shopId: string, creatorId: string | Prisma.Sql, currency?: string): Prisma.Sql {
  const currencyFilter = currency === undefined ? Prisma.empty : Prisma.sql`AND "currency" = ${currency}`;
  return Prisma.sql`
    SELECT "currency",
      COALESCE(SUM("balanceMinor") FILTER (WHERE "account" = 'held'), 0)::bigint AS held,
      COALESCE(SUM("balanceMinor") FILTER (WHERE "account" = 'gated'), 0)::bigint AS gated,
      COALESCE(SUM("balanceMinor") FILTER (WHERE "account" = 'payable'), 0)::bigint AS payable,
      COALESCE(SUM("balanceMinor") FILTER (WHERE "account" = 'in_payout'), 0)::bigint AS in_payout
    FROM "AccountBalance" WHERE "shopId" = ${shopId} AND "creatorId" = ${creatorId} ${currencyFilter}
    GROUP BY "currency"`;
}

/**
 * One creator account's kept balance as a scalar subquery (0 when it never had an entry), for a
 * statement that reads it per row of its own (the payout run's selection, per creator and
 * currency of its batch): the row readBalances reads, one primary-key lookup per outer row.
 */
export function creatorAccountBalanceSql(
  shopId: string,
  creatorId: Prisma.Sql,
  currency: Prisma.Sql,
  account: CreatorLedgerAccount,
): Prisma.Sql {
  return Prisma.sql`(
    SELECT COALESCE(SUM(kept."balanceMinor"), 0)::bigint FROM "AccountBalance" kept
    WHERE kept."shopId" = ${shopId} AND kept."creatorId" = ${creatorId} AND kept."currency" = ${currency}
      AND kept."account" = ${account}::"LedgerAccount")`;
}

/**
 * What shop-level accounts moved by in entries posted since an instant, by currency (summed over
 * the accounts): Home's "paid this month". A date window cannot come from a kept balance, and a
 * kept row per shop would serialise every posting of the shop (0010), so these are summed from
 * the entries, here, in the ledger's module.
 */
export async function readShopMovementsSince(
  query: { shopId: string; accounts: readonly ShopLedgerAccount[]; since: Date },
  client: Client = db(),
): Promise<{ currency: string; amountMinor: DisplayMinor }[]> {
  if (query.accounts.length === 0) return [];
  const rows = await client.$queryRaw<{ currency: string; total: bigint }[]>(Prisma.sql`
    SELECT e."currency", SUM(e."amountMinor") AS total
    FROM "LedgerEntry" e JOIN "LedgerTransaction" t ON t."id" = e."transactionId"
    -- Shop-level accounts have no creator: saying so lets the (shop, creator, …) index skip every creator's entries.
    WHERE e."shopId" = ${query.shopId} AND e."creatorId" IS NULL AND e."account" = ANY(${[...query.accounts]}::"LedgerAccount"[])
      AND t."postedAt" >= ${query.since.toISOString()}::timestamp(3)
    GROUP BY e."currency" ORDER BY e."currency"`);
  return rows.map((row) => ({ currency: row.currency, amountMinor: toDisplayMinor(row.total) }));
}
