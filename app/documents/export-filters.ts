// Query parameters of the accounting exports, validated with zod. Dates are calendar days in the
// shop's time zone ("from" and "to" both included), as a merchant reads them on a statement.
import { z } from "zod";
import { PAYOUT_STATUSES } from "../domain/status/payout-status";

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const calendarDate = (name: string) =>
  z
    .string()
    .trim()
    .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && isCalendarDate(value), {
      message: `"${name}" must be a date like 2026-01-31.`,
    });

const dateRange = {
  from: calendarDate("from").optional(),
  to: calendarDate("to").optional(),
};

const fromNotAfterTo = (range: { from?: string; to?: string }) => !range.from || !range.to || range.from <= range.to;
const FROM_AFTER_TO = { message: '"from" must be on or before "to".', path: ["from"] };

export const payoutExportFiltersSchema = z
  .object({
    status: z
      .enum(["all", ...PAYOUT_STATUSES], {
        errorMap: () => ({ message: `"status" must be one of: all, ${PAYOUT_STATUSES.join(", ")}.` }),
      })
      .default("all"),
    ...dateRange,
  })
  .refine(fromNotAfterTo, FROM_AFTER_TO);

export const auditExportFiltersSchema = z.object(dateRange).refine(fromNotAfterTo, FROM_AFTER_TO);

export type PayoutExportFilters = z.output<typeof payoutExportFiltersSchema>;
export type AuditExportFilters = z.output<typeof auditExportFiltersSchema>;

export type ParsedQuery<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Validates the query against a schema. Parameters the schema does not know (Shopify's `shop`,
 * `host`, `embedded`…) are ignored; a parameter given twice takes its first value.
 */
export function parseQuery<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, params: URLSearchParams): ParsedQuery<T> {
  const input: Record<string, string> = {};
  for (const [key, value] of params) if (!(key in input) && value !== "") input[key] = value;
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, message: parsed.error.issues.map((issue) => issue.message).join(" ") };
}

/** The instant the calendar day `date` (YYYY-MM-DD) starts in `timeZone`. */
export function startOfDayInTimeZone(date: string, timeZone: string): Date {
  const [year, month, day] = date.split("-").map(Number);
  const midnightUtc = Date.UTC(year, month - 1, day);
  // The zone's offset at that instant, then again at the corrected instant (a DST change may sit between).
  let instant = midnightUtc - offsetMs(midnightUtc, timeZone);
  instant = midnightUtc - offsetMs(instant, timeZone);
  return new Date(instant);
}

function offsetMs(instant: number, timeZone: string): number {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    }).formatToParts(new Date(instant));
  } catch {
    return 0; // an unknown zone name: treat as UTC rather than refuse the export
  }
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const wallClock = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wallClock - (instant - (((instant % 1000) + 1000) % 1000));
}

function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The half-open instant range [start, end) covering the days from `from` to `to` inclusive. */
export function instantRange(range: { from?: string; to?: string }, timeZone: string): { start?: Date; end?: Date } {
  return {
    start: range.from ? startOfDayInTimeZone(range.from, timeZone) : undefined,
    end: range.to ? startOfDayInTimeZone(nextDay(range.to), timeZone) : undefined,
  };
}
