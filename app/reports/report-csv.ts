// The CSV of a report: the table on screen, every row (all pages), then the total, written for a
// spreadsheet rather than for the eye. Money as plain decimals in the shop currency (the header
// names it), ratios as plain numbers with the unit in the header ("ROI (%)"), and an empty cell
// where the screen shows "—", so every figure column sums and sorts as numbers.
import type { CsvCell } from "../documents/csv";
import { formatMoneyWithCode, toDecimalString, type DisplayMinor } from "../domain/money";
import { REPORT_DEFINITIONS, reportFigures, type ReportGrouping, type ReportSums } from "./report-definitions";

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
    `${d.roi.label} (%)`,
    `${d.cpa.label} (${currency})`,
    d.clicks.label,
    `${d.conversion.label} (%)`,
    `${d.newCustomerShare.label} (%)`,
    `${d.averageOrderValue.label} (${currency})`,
  ];
}

/** Tenths of a percent as a plain number ("233.3", "-12.5"), or an empty cell when it has no meaning. */
export function percentCell(tenths: number | null): string {
  if (tenths === null) return "";
  const sign = tenths < 0 ? "-" : "";
  const abs = Math.abs(tenths);
  return `${sign}${Math.trunc(abs / 10)}.${abs % 10}`;
}

export function reportCsvRow(name: string, id: string, sums: ReportSums, currency: string): CsvCell[] {
  const figures = reportFigures(sums);
  const decimal = (amountMinor: DisplayMinor | null) => (amountMinor === null ? "" : toDecimalString({ amountMinor, currency }));
  return [
    name,
    id,
    figures.orders,
    decimal(figures.revenueMinor),
    decimal(figures.commissionMinor),
    decimal(figures.feesMinor),
    decimal(figures.adjustmentsMinor),
    decimal(figures.costMinor),
    // Several currencies in one cell stay text ("EUR 12.00; GBP 3.00"): no exchange rate is invented.
    figures.otherCurrencyCosts.map((c) => formatMoneyWithCode(c)).join("; "),
    decimal(figures.profitMinor),
    percentCell(figures.roiTenths),
    decimal(figures.cpaMinor),
    figures.clicks,
    percentCell(figures.conversionTenths),
    percentCell(figures.newCustomerShareTenths),
    decimal(figures.averageOrderValueMinor),
  ];
}
