// Query parameters of the accounting exports, validated with zod. Dates are calendar days in the
// shop's time zone ("from" and "to" both included), as a merchant reads them on a statement.
import { z } from "zod";
import { isCalendarDate } from "../domain/calendar";
import { PAYOUT_STATUSES } from "../domain/status/payout-status";

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
