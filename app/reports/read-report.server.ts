// The sums behind Reports, computed in PostgreSQL: one set-based statement over indexed columns
// per request, grouped by creator or campaign. No order, commission or ledger row is loaded into
// JavaScript; only one row per group on the requested page (or all groups for the CSV) comes back.
// What each sum means is defined in report-definitions.ts.
import { Prisma } from "@prisma/client";
import { instantRange, type CalendarRange } from "../domain/calendar";
import { reportMonthPlan, type ReportMonthPlan } from "./report-month-plan";
import { toDisplayMinor, toMinorNumber } from "../ledger/to-minor-number";
import { type CurrencyAmount, type Period, type ReportGrouping, type ReportSort, type ReportSums } from "./report-definitions";
import { withTransaction } from "../db/transaction.server";
import { queryNamed } from "../db/named-statement.server";

export interface ReportShop {
  id: string;
  currency: string;
  timezone: string;
  countPaidOrdersOnly: boolean;
}

export interface ReportQuery {
  period: Period;
  groupBy: ReportGrouping;
  sort: ReportSort;
  direction: "asc" | "desc";
  /** Only the money of this campaign (already checked to be the shop's). */
  campaignId?: string;
  /** Only this creator's money (the creator page). */
  creatorId?: string;
  /** A page of rows; without it, every row (the CSV). */
  page?: { limit: number; offset: number };
}

export interface ReportRow {
  /** Creator id, campaign id, or "" for money outside any campaign. */
  key: string;
  name: string;
  sums: ReportSums;
}

export interface ReportResult {
  rows: ReportRow[];
  /** Groups in the whole report (all pages). */
  rowCount: number;
  /** Over all groups, not just this page. */
  totals: ReportSums;
}

const timestamp = (date: Date) => Prisma.sql`${date.toISOString()}::timestamp(3)`;

/** The sort column as SQL over the `grouped` CTE (a fixed list: never user text). */
const SORT_SQL: Record<ReportSort, Prisma.Sql> = {
  name: Prisma.sql`lower(g."name")`,
  orders: Prisma.sql`g."orders"`,
  revenue: Prisma.sql`g."revenue"`,
  cost: Prisma.sql`(g."commission" + g."fees" + g."adjustments")`,
  profit: Prisma.sql`(g."revenue" - g."commission" - g."fees" - g."adjustments")`,
  roi: Prisma.sql`CASE WHEN g."commission" + g."fees" + g."adjustments" > 0
    THEN (g."revenue" - g."commission" - g."fees" - g."adjustments")::numeric / (g."commission" + g."fees" + g."adjustments") END`,
  cpa: Prisma.sql`CASE WHEN g."orders" > 0 THEN (g."commission" + g."fees" + g."adjustments")::numeric / g."orders" END`,
  clicks: Prisma.sql`g."clicks"`,
};

export interface SqlRow {
  key: string;
  name: string;
  orders: string;
  newCustomerOrders: string;
  revenue: string;
  commission: string;
  fees: string;
  adjustments: string;
  clicks: string | null;
  other: { currency: string; amountMinor: string }[] | null;
}

export function sumsFrom(row: Omit<SqlRow, "key" | "name">): ReportSums {
  return {
    orders: toMinorNumber(row.orders),
    newCustomerOrders: toMinorNumber(row.newCustomerOrders),
    revenueMinor: toDisplayMinor(row.revenue),
    commissionMinor: toDisplayMinor(row.commission),
    feesMinor: toDisplayMinor(row.fees),
    adjustmentsMinor: toDisplayMinor(row.adjustments),
    clicks: row.clicks === null ? null : toMinorNumber(row.clicks),
    otherCurrencyCosts: (row.other ?? []).map((c): CurrencyAmount => ({
      currency: c.currency,
      amountMinor: toDisplayMinor(c.amountMinor),
    })),
  };
}

type StatementResult = { rowCount: number; rows: SqlRow[] | null; totals: Omit<SqlRow, "key" | "name"> }[];

/**
 * The report for a period: a page of groups (or all of them) and the totals over all groups.
 * The statement hashes a few hundred thousand index entries into one row per group: it gets
 * the memory to do that in RAM (not an external sort on disk), no JIT compilation, whose
 * start-up would cost more than the query, and no parallel workers, for this transaction only.
 */
export async function readReport(
  shop: ReportShop,
  query: ReportQuery,
  options: { plan?: ReportMonthPlan; creatorMonths?: boolean } = {},
): Promise<ReportResult> {
  // One creator's figures (the creator page) read that creator's month rows (an index on creator)
  // and the current month's days: nothing to hash in bulk, so no settings to change and no
  // transaction around them (three round trips fewer on every creator page), and a named
  // statement (planned once per connection, no Prisma per-query work: its columns are JSON and int).
  const [result] = query.creatorId
    ? await queryNamed<StatementResult[number]>("creator-report", reportStatement(shop, query, options))
    : await withTransaction("short", async (tx) => {
        // No parallel workers either: measured at 1M orders, a parallel plan of this statement cost
        // about twice the CPU of the serial one (295 vs 138 ms) for little less wall time, and the
        // route already runs the chart's series beside it. No merge joins: the planner cannot estimate
        // the groups of the statement's CTEs (it guesses tens for 10,000) and sorted them by key to
        // merge-join the shop-currency groups with the other currencies' (≈ 15 ms of the ≈ 110 at 1M
        // orders); hashing them costs ≈ 4 ms. One round trip for the four settings.
        await tx.$queryRaw`SELECT set_config('work_mem', '64MB', true), set_config('jit', 'off', true),
      set_config('max_parallel_workers_per_gather', '0', true), set_config('enable_mergejoin', 'off', true)`;
        return tx.$queryRaw<StatementResult>(reportStatement(shop, query, options));
      });
  const rows = (result.rows ?? []).map((row) => ({ key: row.key, name: row.name, sums: sumsFrom(row) }));
  return { rows, rowCount: result.rowCount, totals: sumsFrom(result.totals) };
}

/** How the statement's result comes back: one row with a page (or all rows) as JSON and the totals, or one row per group then the totals (a cursor for the CSV). */
export type ReportShape = "page" | "rows";

/**
 * The one statement behind a report (exported for EXPLAIN in the benchmark and for the CSV's
 * cursor). Whole months come from "ReportMonth" and the period's edge days from the base tables
 * (see report-month-plan.ts); `plan: baseTablesPlan(period)` reads only the base tables, the
 * recompute that tests hold the aggregate to.
 */
export function reportStatement(
  shop: ReportShop,
  query: ReportQuery,
  options: { plan?: ReportMonthPlan; shape?: ReportShape; creatorMonths?: boolean } = {},
): Prisma.Sql {
  const plan = options.plan ?? reportMonthPlan(query.period);
  const shape = options.shape ?? "page";
  const byCreator = query.groupBy === "creator";
  // Clicks belong to a creator, never to a campaign: no click figure for campaign rows or filters.
  const withClicks = byCreator && !query.campaignId;
  const orderKey = byCreator ? Prisma.sql`o."creatorId"` : Prisma.sql`COALESCE(d."campaignId", '')`;
  const monthKey = byCreator ? Prisma.sql`r."creatorId"` : Prisma.sql`COALESCE(d."campaignId", '')`;
  const needsDeal = !byCreator || query.campaignId !== undefined;
  // Commission cost is grouped like its order (CommissionCost copies the order's keys).
  const costKey = byCreator ? Prisma.sql`COALESCE(cc."creatorId", '')` : Prisma.sql`COALESCE(d."campaignId", '')`;
  const costDealJoin = needsDeal ? Prisma.sql`LEFT JOIN "Deal" d ON d."id" = cc."dealId"` : Prisma.empty;
  const monthDealJoin = needsDeal ? Prisma.sql`LEFT JOIN "Deal" d ON d."id" = r."dealId"` : Prisma.empty;
  const dealCampaign = query.campaignId ? Prisma.sql`AND d."campaignId" = ${query.campaignId}` : Prisma.empty;
  const feeKey = byCreator ? Prisma.sql`f."creatorId"` : Prisma.sql`COALESCE(f."campaignId", d."campaignId", '')`;
  const adjustmentKey = byCreator ? Prisma.sql`a."creatorId"` : Prisma.sql`COALESCE(d."campaignId", '')`;
  const orderDealJoin = needsDeal ? Prisma.sql`LEFT JOIN "Deal" d ON d."id" = o."dealId"` : Prisma.empty;
  const feeCampaign = query.campaignId ? Prisma.sql`AND COALESCE(f."campaignId", d."campaignId") = ${query.campaignId}` : Prisma.empty;
  const creator = (column: Prisma.Sql) => (query.creatorId ? Prisma.sql`AND ${column} = ${query.creatorId}` : Prisma.empty);
  const between = (column: Prisma.Sql, range: CalendarRange) => {
    const { start, end } = instantRange(range, shop.timezone);
    return Prisma.sql`${column} >= ${timestamp(start)} AND ${column} < ${timestamp(end)}`;
  };
  const inPeriod = (column: Prisma.Sql) => between(column, query.period);
  const label = byCreator
    ? Prisma.sql`LEFT JOIN "Creator" named ON named."id" = k."key" AND named."shopId" = ${shop.id}`
    : Prisma.sql`LEFT JOIN "Campaign" named ON named."id" = k."key" AND named."shopId" = ${shop.id}`;
  const order = SORT_SQL[query.sort];
  const direction = query.direction === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const page = query.page ? Prisma.sql`LIMIT ${query.page.limit} OFFSET ${query.page.offset}` : Prisma.empty;

  // The period as signed parts: aggregated months (+), base-table days added (+) and subtracted (−).
  const baseParts = [
    ...plan.add.map((range) => ({ range, sign: Prisma.raw("1") })),
    ...plan.subtract.map((range) => ({ range, sign: Prisma.raw("-1") })),
  ];
  const months = plan.months;
  const inMonths = months
    ? Prisma.sql`r."shopId" = ${shop.id} AND r."month" >= ${months.from}::date AND r."month" <= ${months.to}::date`
    : Prisma.sql`false`;
  const parts = (list: Prisma.Sql[]) => Prisma.join(list, " UNION ALL ");
  // Which order set the shop counts (a setting that may change): the aggregate keeps both.
  const paidPrefix = shop.countPaidOrdersOnly ? "paid" : "";
  const monthColumn = (name: "orders" | "newCustomerOrders" | "revenueMinor") =>
    Prisma.raw(`r."${paidPrefix ? paidPrefix + name[0].toUpperCase() + name.slice(1) : name}"`);

  // Every source as signed rows of one shape (key, other currency, figures), summed by one aggregate
  // per (group, other currency) and then one per group: no aggregate per source, and no join of the
  // sources' groups. "cur" is NULL for the shop's currency and for clicks (which carry no money), so
  // a group is one row of the first aggregate unless it has costs in another currency (rare).
  // Orders count in the shop's currency only.
  // Whole months from "ReportMonth" (its click rows only when clicks are shown).
  const otherCurrency = (column: Prisma.Sql) => Prisma.sql`NULLIF(NULLIF(${column}, ${shop.currency}), '')::varchar(3)`;
  const inShopCurrency = (value: Prisma.Sql) => Prisma.sql`CASE WHEN r."currency" = ${shop.currency} THEN ${value} ELSE 0 END`;
  // The whole shop by creator reads "ReportCreatorMonth": the same figures summed over deals, with
  // the clicks in the shop-currency row (one row per creator and month instead of a row per deal
  // and a click row). A campaign needs the deal, and one creator's months are read through
  // "ReportMonth"'s index on creator.
  // (`creatorMonths: false` reads "ReportMonth" instead: the comparison in tests and the benchmark.)
  const perCreatorMonth = withClicks && !query.creatorId && options.creatorMonths !== false;
  const monthRows = months
    ? Prisma.sql`SELECT ${monthKey} AS "key", ${otherCurrency(Prisma.sql`r."currency"`)} AS "cur", ${inShopCurrency(monthColumn("orders"))}::int AS "orders",
        ${inShopCurrency(monthColumn("newCustomerOrders"))}::int AS "newCustomerOrders", ${inShopCurrency(monthColumn("revenueMinor"))} AS "revenue",
        r."commissionMinor" AS "commission", 0::bigint AS "fees", 0::bigint AS "adjustments",
        r."commissionCosts"::int AS "listed", r."clicks"::int
      FROM ${perCreatorMonth ? Prisma.sql`"ReportCreatorMonth"` : Prisma.sql`"ReportMonth"`} r ${monthDealJoin}
      WHERE ${inMonths} ${withClicks ? Prisma.empty : Prisma.sql`AND r."currency" <> ''`} ${dealCampaign} ${creator(Prisma.sql`r."creatorId"`)}`
    : null;
  // Edge days from the base tables, signed (+ added, − subtracted).
  const orderParts = baseParts.map(
    ({ range, sign }) => Prisma.sql`SELECT ${orderKey}, NULL::varchar(3), ${sign},
        CASE WHEN o."isNewCustomer" THEN ${sign} ELSE 0 END, ${sign} * (o."subtotalMinor" - o."refundedMinor")::bigint,
        0::bigint, 0::bigint, 0::bigint, 0, 0
      FROM "AttributedOrder" o ${orderDealJoin}
      WHERE o."shopId" = ${shop.id} AND ${between(Prisma.sql`o."orderedAt"`, range)} AND o."creatorId" IS NOT NULL
        AND NOT o."isTest" AND o."cancelledAt" IS NULL AND o."currency" = ${shop.currency}
        AND (${!shop.countPaidOrdersOnly} OR o."paidAt" IS NOT NULL) ${dealCampaign} ${creator(Prisma.sql`o."creatorId"`)}`,
  );
  // "listed": CommissionCost rows behind the sum (and fees and adjustments below), so a group whose
  // costs net to zero is still listed.
  const costParts = baseParts.map(
    ({ range, sign }) => Prisma.sql`SELECT ${costKey}, ${otherCurrency(Prisma.sql`cc."currency"`)}, 0, 0, 0::bigint,
        ${sign} * cc."amountMinor"::bigint, 0::bigint, 0::bigint, ${sign}, 0
      FROM "CommissionCost" cc ${costDealJoin}
      WHERE cc."shopId" = ${shop.id} AND ${between(Prisma.sql`cc."orderedAt"`, range)} ${dealCampaign} ${creator(Prisma.sql`cc."creatorId"`)}`,
  );
  const clickParts = withClicks
    ? baseParts.map(
        ({ range, sign }) => Prisma.sql`SELECT c."creatorId", NULL::varchar(3), 0, 0, 0::bigint, 0::bigint,
            0::bigint, 0::bigint, 0, ${sign}
          FROM "ReferralClick" c
          WHERE c."shopId" = ${shop.id} AND c."day" >= ${range.from}::date AND c."day" <= ${range.to}::date ${creator(Prisma.sql`c."creatorId"`)}`,
      )
    : [];
  // Fees and adjustments of the period (a few per creator), "listed" even when they net to zero.
  const feeRows = Prisma.sql`SELECT ${feeKey}, ${otherCurrency(Prisma.sql`f."currency"`)}, 0, 0, 0::bigint, 0::bigint,
      f."amountMinor"::bigint, 0::bigint, 1, 0
    FROM "FixedFee" f ${needsDeal ? Prisma.sql`JOIN "Deal" d ON d."id" = f."dealId"` : Prisma.empty}
    WHERE f."shopId" = ${shop.id} AND f."status" <> 'canceled' AND ${inPeriod(Prisma.sql`f."createdAt"`)} ${feeCampaign} ${creator(Prisma.sql`f."creatorId"`)}`;
  const adjustmentRows = Prisma.sql`SELECT ${adjustmentKey}, ${otherCurrency(Prisma.sql`a."currency"`)}, 0, 0, 0::bigint, 0::bigint,
      0::bigint, a."amountMinor"::bigint, 1, 0
    FROM "Adjustment" a LEFT JOIN "Deal" d ON d."id" = a."dealId"
    WHERE a."shopId" = ${shop.id} AND ${inPeriod(Prisma.sql`a."createdAt"`)} ${dealCampaign} ${creator(Prisma.sql`a."creatorId"`)}`;
  // Counts are int (a group's count in one month fits easily), so their sums keep a plain bigint
  // state; money is bigint (summed in 128-bit integers). Numeric sums cost several times more.
  // The first SELECT names the columns (and stands in when no month is aggregated).
  const header = Prisma.sql`SELECT NULL::text AS "key", NULL::varchar(3) AS "cur", 0 AS "orders", 0 AS "newCustomerOrders",
    0::bigint AS "revenue", 0::bigint AS "commission", 0::bigint AS "fees", 0::bigint AS "adjustments",
    0 AS "listed", 0 AS "clicks" WHERE false`;
  const sources = parts([header, ...(monthRows ? [monthRows] : []), ...orderParts, ...costParts, ...clickParts, feeRows, adjustmentRows]);
  const sortedGroups = Prisma.sql`ORDER BY ${order} ${direction} NULLS LAST, lower(g."name"), g."key"`;
  const rowJson = Prisma.sql`json_build_object('key', g."key", 'name', g."name", 'orders', g."orders"::text, 'newCustomerOrders', g."newCustomerOrders"::text,
    'revenue', g."revenue"::text, 'commission', g."commission"::text, 'fees', g."fees"::text,
    'adjustments', g."adjustments"::text, 'clicks', g."clicks"::text, 'other', g."other")`;
  const totalsJson = Prisma.sql`(SELECT json_build_object(
        'orders', COALESCE(SUM(g."orders"), 0)::text, 'newCustomerOrders', COALESCE(SUM(g."newCustomerOrders"), 0)::text,
        'revenue', COALESCE(SUM(g."revenue"), 0)::text, 'commission', COALESCE(SUM(g."commission"), 0)::text,
        'fees', COALESCE(SUM(g."fees"), 0)::text, 'adjustments', COALESCE(SUM(g."adjustments"), 0)::text,
        'clicks', CASE WHEN ${withClicks} THEN COALESCE(SUM(g."clicks"), 0)::text END,
        'other', (SELECT json_agg(json_build_object('currency', o."currency", 'amountMinor', o."amountMinor"::text) ORDER BY o."currency")
          FROM (SELECT x."currency", SUM(x."commission" + x."fees" + x."adjustments") AS "amountMinor" FROM costs x
            GROUP BY 1 HAVING SUM(x."commission" + x."fees" + x."adjustments") <> 0) o)
      ) FROM grouped g)`;
  // "page": one row (count, the page as JSON, totals); the page is the top of a bounded sort (no full
  // sort of every group), put in order again by json_agg. "rows": one row per group in sort order,
  // then the totals (part 1).
  const result =
    shape === "page"
      ? Prisma.sql`SELECT
      (SELECT COUNT(*)::int FROM grouped) AS "rowCount",
      (SELECT json_agg(p."row" ORDER BY p."s1" ${direction} NULLS LAST, p."s2", p."s3") FROM (
        SELECT ${order} AS "s1", lower(g."name") AS "s2", g."key" AS "s3", ${rowJson} AS "row" FROM grouped g ${query.page ? sortedGroups : Prisma.empty} ${page}) p) AS "rows",
      ${totalsJson} AS "totals"`
      : Prisma.sql`SELECT p."part", p."row" FROM (
        SELECT 0 AS "part", row_number() OVER (${sortedGroups}) AS "n", ${rowJson} AS "row" FROM grouped g
        UNION ALL SELECT 1, 0, ${totalsJson}
      ) p ORDER BY p."part", p."n"`;

  return Prisma.sql`
    WITH by_currency AS MATERIALIZED (
      SELECT s."key", s."cur", SUM(s."orders")::bigint AS "orders", SUM(s."newCustomerOrders")::bigint AS "newCustomerOrders",
        SUM(s."revenue")::bigint AS "revenue", SUM(s."commission")::bigint AS "commission",
        SUM(s."fees")::bigint AS "fees", SUM(s."adjustments")::bigint AS "adjustments", SUM(s."listed")::bigint AS "listed",
        SUM(s."clicks")::bigint AS "clicks"
      FROM (${sources}) s
      GROUP BY 1, 2
    ),
    -- Costs in other currencies than the shop's (rare): listed apart, never added to the shop-currency figures.
    costs AS (
      SELECT x."key", x."cur" AS "currency", x."commission", x."fees", x."adjustments", x."listed" FROM by_currency x
      WHERE x."cur" IS NOT NULL
    ),
    other AS (
      SELECT x."key", SUM(x."listed") AS "listed",
        json_agg(json_build_object('currency', x."currency", 'amountMinor', (x."commission" + x."fees" + x."adjustments")::text) ORDER BY x."currency")
          FILTER (WHERE x."commission" + x."fees" + x."adjustments" <> 0) AS "other"
      FROM costs x
      GROUP BY 1
    ),
    -- One row per group that has an order, a commission cost row, a fee or adjustment, or a click in the
    -- period: its shop-currency row beside its other currencies' costs, if any (no second aggregate).
    grouped AS MATERIALIZED (
      SELECT k."key", COALESCE(named."name", CASE WHEN k."key" = '' THEN ${byCreator ? "No creator" : "No campaign"} ELSE k."key" END) AS "name",
        k."orders", k."newCustomerOrders", k."revenue", k."commission", k."fees", k."adjustments",
        CASE WHEN ${withClicks} THEN k."clicks" END AS "clicks",
        k."other"
      FROM (
        SELECT COALESCE(b."key", other."key") AS "key", COALESCE(b."orders", 0) AS "orders",
          COALESCE(b."newCustomerOrders", 0) AS "newCustomerOrders", COALESCE(b."revenue", 0) AS "revenue",
          COALESCE(b."commission", 0) AS "commission", COALESCE(b."fees", 0) AS "fees", COALESCE(b."adjustments", 0) AS "adjustments",
          COALESCE(b."clicks", 0) AS "clicks", other."other"
        FROM (SELECT * FROM by_currency x WHERE x."cur" IS NULL) b
        FULL JOIN other ON other."key" = b."key"
        WHERE COALESCE(b."orders", 0) > 0 OR COALESCE(b."listed", 0) + COALESCE(other."listed", 0) > 0 OR COALESCE(b."clicks", 0) > 0
      ) k
      ${label}
    )
    ${result}`;
}

/** Totals only (Home, the campaign page, the creator page): the same statement, no rows returned. */
export async function readReportTotals(
  shop: ReportShop,
  period: Period,
  filter: { campaignId?: string; creatorId?: string } = {},
): Promise<ReportSums> {
  const report = await readReport(shop, {
    period,
    groupBy: filter.campaignId ? "campaign" : "creator",
    sort: "name",
    direction: "asc",
    ...filter,
    page: { limit: 0, offset: 0 },
  });
  return report.totals;
}

/** From the first day anything could have been recorded to the shop's today: "lifetime". */
export const lifetimePeriod = (today: string): Period => ({ from: "2000-01-01", to: today });
