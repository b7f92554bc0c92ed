// The CSV of a report: the table on screen, every row (all pages), then the total. Money as plain
// decimals in the shop currency (the header names it) so spreadsheets can add it up; ratios and
// "—" exactly as on screen, from the same definitions.
import type { CsvCell } from "../documents/csv";
import { formatMoneyWithCode, toDecimalString, type DisplayMinor } from "../domain/money";
import {
  NOT_APPLICABLE,
  REPORT_DEFINITIONS,
  formatPercentTenths,
  reportFigures,
  type ReportGrouping,
  type ReportSums,
} from "./report-definitions";

export function reportCsvHeader(groupBy: ReportGrouping, currency: string): string[] {
  const d = REPORT_DEFINITIONS;
  return [
    groupBy === "creator" ? "Creator" : "Campaign",
    "Id",
    d.orders.label,
    `${d.revenue.label} (${currency})`,
    `Commissions (${currency})`,
    `Fixed fees (${currency})`,
    `Adjustments (${currency})`,
    `${d.cost.label} (${currency})`,
    d.otherCurrencyCost.label,
    `${d.profit.label} (${currency})`,
    d.roi.label,
    `${d.cpa.label} (${currency})`,
    d.clicks.label,
    d.conversion.label,
    d.newCustomerShare.label,
    `${d.averageOrderValue.label} (${currency})`,
  ];
}

export function reportCsvRow(name: string, id: string, sums: ReportSums, currency: string): CsvCell[] {
  const figures = reportFigures(sums);
  // Ratios formatted like the screen; money as plain decimals (no per-cell currency formatter).
  const percent = formatPercentTenths;
  const decimal = (amountMinor: DisplayMinor | null) =>
    amountMinor === null ? NOT_APPLICABLE : toDecimalString({ amountMinor, currency });
  return [
    name,
    id,
    figures.orders,
    decimal(figures.revenueMinor),
    decimal(figures.commissionMinor),
    decimal(figures.feesMinor),
    decimal(figures.adjustmentsMinor),
    decimal(figures.costMinor),
    figures.otherCurrencyCosts.length === 0 ? NOT_APPLICABLE : figures.otherCurrencyCosts.map((c) => formatMoneyWithCode(c)).join("; "),
    decimal(figures.profitMinor),
    percent(figures.roiTenths),
    decimal(figures.cpaMinor),
    figures.clicks === null ? NOT_APPLICABLE : figures.clicks,
    percent(figures.conversionTenths),
    percent(figures.newCustomerShareTenths),
    decimal(figures.averageOrderValueMinor),
  ];
}
