// The figures of Reports, defined once. Pure (no I/O): the SQL in report-query.server.ts computes
// the sums these definitions name, the screen, the CSV export, Home, the creator page and the
// campaign page all derive their ratios here, and the help text shown in the UI is this text.
import { addDays, daysInRange, firstOfMonth, previousMonth } from "../domain/calendar";
import { formatMoney, type DisplayMinor } from "../domain/money";
import { addDisplayMinor, subtractDisplayMinor, toDisplayMinor } from "../ledger/to-minor-number";
import { roundHalfUp } from "../domain/rounding";

/** One definition: the name shown as a column heading and the sentence shown as help. */
export interface ReportDefinition {
  label: string;
  help: string;
}

export const REPORT_DEFINITIONS = {
  orders: {
    label: "Orders",
    help: "Orders credited to a creator, placed in the period (by order date in the shop's time zone), not test orders, not canceled, and paid when the shop counts paid orders only.",
  },
  revenue: {
    label: "Revenue",
    help: "Attributed revenue: the order subtotals of those orders minus everything refunded on them so far, in the shop currency.",
  },
  cost: {
    label: "Creator cost",
    help: "What the creators cost, in the shop currency, as posted to the ledger's expense account: commissions on orders placed in the period (net of reversals and clawbacks for later refunds), fixed fees added in the period (canceled fees cost nothing) and adjustments made in the period (negative ones reduce it). Costs in other currencies are listed beside it, never converted or added.",
  },
  costPaid: {
    label: "Paid",
    help: "The part of the period's creator cost already paid out: items of paid payouts that come from the period's commissions (and their clawbacks), fees and adjustments.",
  },
  costOwed: {
    label: "Owed",
    help: "The rest of the period's creator cost: still held, awaiting a deliverable, payable, or in a payout that is not paid yet.",
  },
  otherCurrencyCost: {
    label: "Cost in other currencies",
    help: "Creator cost owed in a currency other than the shop's. It is listed per currency and left out of profit, ROI and CPA: no exchange rate is invented.",
  },
  profit: {
    label: "Net profit",
    help: "Revenue minus creator cost, both in the shop currency.",
  },
  roi: {
    label: "ROI",
    help: "Return on creator spend: (revenue − creator cost) ÷ creator cost. Shown as — when the cost is zero or negative.",
  },
  cpa: {
    label: "CPA",
    help: "Cost per acquisition: creator cost ÷ orders, rounded half-up to the minor unit. Shown as — without orders.",
  },
  clicks: {
    label: "Clicks",
    help: "Referral-link visits (from the Referral tracking embed or the Web Pixel): one per visitor, code and day, on the days of the period. Clicks belong to creators, not campaigns, so campaign rows show —.",
  },
  conversion: {
    label: "Conversion",
    help: "Orders ÷ clicks. Orders by discount code or manual assignment count too, so it can exceed 100 %. Shown as — without clicks.",
  },
  newCustomerShare: {
    label: "New customers",
    help: "The share of orders placed by first-time customers. Shown as — without orders.",
  },
  averageOrderValue: {
    label: "AOV",
    help: "Average order value: revenue ÷ orders, rounded half-up to the minor unit. Shown as — without orders.",
  },
  lifetimeValue: {
    label: "Lifetime value",
    help: "All the revenue the creator brought, over all time, counted like revenue above.",
  },
  lifetimeEarnings: {
    label: "Lifetime earnings",
    help: "Everything the creator earned over all time per the ledger: commissions net of clawbacks, fees and adjustments.",
  },
  paid: {
    label: "Paid",
    help: "What payouts have paid the creator (by Stripe or offline).",
  },
  owed: {
    label: "Owed",
    help: "Earned but not yet paid: held, awaiting a deliverable, payable, or in a payout not yet paid.",
  },
} as const satisfies Record<string, ReportDefinition>;

/** The sign shown where a ratio has no meaning (zero denominator): never 0 and never ∞. */
export const NOT_APPLICABLE = "—";

// ------------------------------------------------------------------------------------ periods

export const PERIOD_PRESETS = ["this_month", "last_month", "last_30_days", "last_90_days", "this_year", "custom"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export const PERIOD_LABELS: Record<PeriodPreset, string> = {
  this_month: "This month",
  last_month: "Last month",
  last_30_days: "Last 30 days",
  last_90_days: "Last 90 days",
  this_year: "This year",
  custom: "Custom range",
};

/** Calendar days, both included, in the shop's time zone: "2026-01-01" … "2026-01-31". */
export interface Period {
  from: string;
  to: string;
}

/** The longest range a report covers; lifetime figures live on the creator page. */
export const MAX_PERIOD_DAYS = 732;

/** Days from `from` to `to`, both included. */
export const periodLength = (period: Period): number => daysInRange(period);

/** The days a preset covers when the shop's today is `today` (YYYY-MM-DD). */
export function presetPeriod(preset: Exclude<PeriodPreset, "custom">, today: string): Period {
  const [year] = today.split("-");
  switch (preset) {
    case "this_month":
      return { from: firstOfMonth(today), to: today };
    case "last_month":
      return previousMonth(today);
    case "last_30_days":
      return { from: addDays(today, -29), to: today };
    case "last_90_days":
      return { from: addDays(today, -89), to: today };
    case "this_year":
      return { from: `${year}-01-01`, to: today };
  }
}

// ------------------------------------------------------------------------------------ figures

/** Creator cost in one currency other than the shop's. */
export interface CurrencyAmount {
  currency: string;
  amountMinor: DisplayMinor;
}

/**
 * The sums one report row (a creator, a campaign, or the total) is made of. Money in the shop
 * currency, integer minor units, exact however large (a bigint past 2^53: see toDisplayMinor,
 * so all arithmetic on them here is exact); `clicks` is null where clicks cannot be attributed.
 */
export interface ReportSums {
  orders: number;
  newCustomerOrders: number;
  revenueMinor: DisplayMinor;
  commissionMinor: DisplayMinor;
  feesMinor: DisplayMinor;
  adjustmentsMinor: DisplayMinor;
  clicks: number | null;
  otherCurrencyCosts: CurrencyAmount[];
}

export const EMPTY_SUMS: ReportSums = {
  orders: 0,
  newCustomerOrders: 0,
  revenueMinor: 0,
  commissionMinor: 0,
  feesMinor: 0,
  adjustmentsMinor: 0,
  clicks: 0,
  otherCurrencyCosts: [],
};

export const costMinor = (sums: Pick<ReportSums, "commissionMinor" | "feesMinor" | "adjustmentsMinor">): DisplayMinor =>
  addDisplayMinor(sums.commissionMinor, sums.feesMinor, sums.adjustmentsMinor);

/** Adds rows' sums exactly: what a total row is. Other currencies stay apart, per currency. */
export function addSums(list: readonly ReportSums[]): ReportSums {
  const other = new Map<string, DisplayMinor>();
  let clicks: number | null = list.length === 0 ? 0 : null;
  const total = { ...EMPTY_SUMS };
  for (const sums of list) {
    total.orders += sums.orders;
    total.newCustomerOrders += sums.newCustomerOrders;
    total.revenueMinor = addDisplayMinor(total.revenueMinor, sums.revenueMinor);
    total.commissionMinor = addDisplayMinor(total.commissionMinor, sums.commissionMinor);
    total.feesMinor = addDisplayMinor(total.feesMinor, sums.feesMinor);
    total.adjustmentsMinor = addDisplayMinor(total.adjustmentsMinor, sums.adjustmentsMinor);
    if (sums.clicks !== null) clicks = (clicks ?? 0) + sums.clicks;
    for (const cost of sums.otherCurrencyCosts) other.set(cost.currency, addDisplayMinor(other.get(cost.currency) ?? 0, cost.amountMinor));
  }
  return { ...total, clicks, otherCurrencyCosts: sortedCurrencyAmounts(other) };
}

export function sortedCurrencyAmounts(amounts: Map<string, DisplayMinor>): CurrencyAmount[] {
  return [...amounts]
    .filter(([, amountMinor]) => BigInt(amountMinor) !== 0n)
    .map(([currency, amountMinor]) => ({ currency, amountMinor }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
}

/**
 * A percentage with one decimal, rounded half-up from the exact quotient: "12.5 %". Null when
 * the denominator is zero (the caller shows NOT_APPLICABLE).
 */
export function percentTenths(numerator: DisplayMinor, denominator: DisplayMinor): number | null {
  if (BigInt(denominator) === 0n) return null;
  return Number(roundHalfUp(BigInt(numerator) * 1000n, BigInt(denominator)));
}

// One formatter for the whole part (Number#toLocaleString builds one per call: ≈ 0.8 ms of app CPU
// per Reports page of 50 rows, three percentages a row, in the 1M-order bench's profile).
const wholeNumber = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function formatPercentTenths(tenths: number | null): string {
  if (tenths === null) return NOT_APPLICABLE;
  const sign = tenths < 0 ? "-" : "";
  const abs = Math.abs(tenths);
  const whole = wholeNumber.format(Math.trunc(abs / 10));
  return `${sign}${whole}.${abs % 10} %`;
}

/** An amount per order, rounded half-up to the minor unit; null without orders. */
export function perOrderMinor(amountMinor: DisplayMinor, orders: number): DisplayMinor | null {
  if (orders === 0) return null;
  return toDisplayMinor(roundHalfUp(BigInt(amountMinor), BigInt(orders)));
}

/** The derived figures of one row, each computed once here. */
export interface ReportFigures extends ReportSums {
  costMinor: DisplayMinor;
  profitMinor: DisplayMinor;
  /** ROI in tenths of a percent; null when the cost is zero or negative. */
  roiTenths: number | null;
  cpaMinor: DisplayMinor | null;
  conversionTenths: number | null;
  newCustomerShareTenths: number | null;
  averageOrderValueMinor: DisplayMinor | null;
}

export function reportFigures(sums: ReportSums): ReportFigures {
  const cost = costMinor(sums);
  const profit = subtractDisplayMinor(sums.revenueMinor, cost);
  return {
    ...sums,
    costMinor: cost,
    profitMinor: profit,
    roiTenths: cost > 0 ? percentTenths(profit, cost) : null,
    cpaMinor: perOrderMinor(cost, sums.orders),
    conversionTenths: sums.clicks === null ? null : percentTenths(sums.orders, sums.clicks),
    newCustomerShareTenths: percentTenths(sums.newCustomerOrders, sums.orders),
    averageOrderValueMinor: perOrderMinor(sums.revenueMinor, sums.orders),
  };
}

/** The period's cost in one currency split into paid and owed (owed = cost − paid). */
export function costSettlement(
  costMinor: DisplayMinor,
  paid: readonly CurrencyAmount[],
  currency: string,
): { paidMinor: DisplayMinor; owedMinor: DisplayMinor } {
  const paidMinor = paid.find((p) => p.currency === currency)?.amountMinor ?? 0;
  return { paidMinor, owedMinor: subtractDisplayMinor(costMinor, paidMinor) };
}

/** True when nothing happened: the screen shows an empty state instead of zeros. */
export function isEmptySums(sums: ReportSums): boolean {
  return (
    sums.orders === 0 &&
    sums.revenueMinor === 0 &&
    costMinor(sums) === 0 &&
    (sums.clicks ?? 0) === 0 &&
    sums.otherCurrencyCosts.length === 0
  );
}

/** The figures as the screen and the CSV show them (one formatter, so both say the same). */
export function displayFigures(figures: ReportFigures, currency: string) {
  const money = (amountMinor: DisplayMinor | null) => (amountMinor === null ? NOT_APPLICABLE : formatMoney({ amountMinor, currency }));
  return {
    orders: figures.orders.toLocaleString("en-US"),
    revenue: money(figures.revenueMinor),
    cost: money(figures.costMinor),
    otherCurrencyCost:
      figures.otherCurrencyCosts.length === 0
        ? NOT_APPLICABLE
        : figures.otherCurrencyCosts.map((c) => formatMoney({ amountMinor: c.amountMinor, currency: c.currency })).join(" · "),
    profit: money(figures.profitMinor),
    roi: formatPercentTenths(figures.roiTenths),
    cpa: money(figures.cpaMinor),
    clicks: figures.clicks === null ? NOT_APPLICABLE : figures.clicks.toLocaleString("en-US"),
    conversion: formatPercentTenths(figures.conversionTenths),
    newCustomerShare: formatPercentTenths(figures.newCustomerShareTenths),
    averageOrderValue: money(figures.averageOrderValueMinor),
  };
}

// ------------------------------------------------------------------------------------ grouping and sorting

export const REPORT_GROUPINGS = ["creator", "campaign"] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

export const REPORT_SORTS = ["name", "orders", "revenue", "cost", "profit", "roi", "cpa", "clicks"] as const;
export type ReportSort = (typeof REPORT_SORTS)[number];

/** Rows per page on screen; the CSV holds every row. */
export const REPORT_PAGE_SIZE = 50;

/** The columns of the table and of the CSV, in order. */
export const REPORT_COLUMNS = [
  "orders",
  "revenue",
  "cost",
  "otherCurrencyCost",
  "profit",
  "roi",
  "cpa",
  "clicks",
  "conversion",
  "newCustomerShare",
  "averageOrderValue",
] as const satisfies readonly (keyof typeof REPORT_DEFINITIONS)[];
