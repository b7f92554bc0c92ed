// The reconciliation screen's and export's range: calendar days in the shop's time zone ("from"
// and "to" both included, as on a statement), the last 30 days by default. Bad input is a sentence.
import { addDays, instantRange, type CalendarRange, type InstantRange } from "../domain/calendar";
import { auditExportFiltersSchema, parseQuery } from "../documents/export-filters";

export const DEFAULT_RANGE_DAYS = 30;

export type ReconciliationRange = { ok: true; days: CalendarRange; instants: InstantRange } | { ok: false; message: string };

export function reconciliationRange(params: URLSearchParams, today: string, timeZone: string): ReconciliationRange {
  const parsed = parseQuery(auditExportFiltersSchema, params);
  if (!parsed.ok) return parsed;
  const to = parsed.value.to ?? (parsed.value.from && parsed.value.from > today ? parsed.value.from : today);
  const from = parsed.value.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (from > to) return { ok: false, message: '"from" must be on or before "to".' };
  const days = { from, to };
  return { ok: true, days, instants: instantRange(days, timeZone) };
}
