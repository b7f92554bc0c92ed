// The one table of US information-reporting thresholds for payments to non-employees (Form
// 1099-NEC box 1), by calendar year, in USD minor units. A creator is reportable for a year once
// the payments to them in that year reach the year's threshold ("$2,000 or more").
//
// 2026: $2,000 (raised from $600 for payments made after 2025).
// 2027 and later: the $2,000 is indexed to inflation and the IRS publishes each year's figure.
// Until it does, the table repeats $2,000 — the table MUST be extended with the published figure
// for every new year; no figure is invented here.

export const REPORTING_CURRENCY = "USD";

const THRESHOLDS_BY_YEAR: Readonly<Record<number, number>> = {
  2026: 200_000,
  // Indexed from 2027: replace with the IRS's published figure.
  2027: 200_000,
};

const FIRST_YEAR = 2026;
const LAST_YEAR = Math.max(...Object.keys(THRESHOLDS_BY_YEAR).map(Number));

/**
 * The year's threshold in USD cents. Before 2026 the $600 rule applied; a year after the table's
 * last one reads the last known figure (the indexed figure can only be higher, so nothing that
 * needs a form is missed by reading a lower one... except the form is asked for slightly early).
 */
export function reportingThresholdMinor(year: number): number {
  if (year < FIRST_YEAR) return 60_000;
  return THRESHOLDS_BY_YEAR[Math.min(year, LAST_YEAR)];
}

/** Whether `paidInYearMinor` (USD cents) paid to one creator in `year` makes them reportable. */
export function isReportable(paidInYearMinor: number, year: number): boolean {
  return paidInYearMinor >= reportingThresholdMinor(year);
}
