// The query string of the Reports screen and its CSV export, validated with zod before any query
// runs. One schema for both, so the export is exactly what the screen shows.
import { z } from "zod";
import { isCalendarDate } from "../domain/calendar";
import { MAX_PERIOD_DAYS, PERIOD_PRESETS, REPORT_GROUPINGS, REPORT_SORTS, periodLength, presetPeriod } from "./report-definitions";
import type { ReportRequest } from "./report-search-params";

const calendarDate = (name: string) =>
  z
    .string()
    .trim()
    .refine(isCalendarDate, { message: `"${name}" must be a date like 2026-01-31.` });

const oneOf = <T extends readonly [string, ...string[]]>(name: string, values: T) =>
  z.enum(values, { errorMap: () => ({ message: `"${name}" must be one of: ${values.join(", ")}.` }) });

export const reportRequestSchema = z
  .object({
    period: oneOf("period", PERIOD_PRESETS).default("this_month"),
    from: calendarDate("from").optional(),
    to: calendarDate("to").optional(),
    groupBy: oneOf("groupBy", REPORT_GROUPINGS).default("creator"),
    sort: oneOf("sort", REPORT_SORTS).default("revenue"),
    direction: oneOf("direction", ["asc", "desc"] as const).default("desc"),
    page: z.coerce
      .number({ invalid_type_error: '"page" must be a whole number from 1.' })
      .int('"page" must be a whole number from 1.')
      .min(1, '"page" must be a whole number from 1.')
      .max(100_000, '"page" is too large.')
      .default(1),
    campaignId: z.string().trim().min(1).max(100).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.period !== "custom") return;
    if (!value.from || !value.to) {
      ctx.addIssue({ code: "custom", path: ["from"], message: 'A custom range needs both "from" and "to".' });
      return;
    }
    if (value.from > value.to) {
      ctx.addIssue({ code: "custom", path: ["from"], message: '"from" must be on or before "to".' });
      return;
    }
    if (periodLength({ from: value.from, to: value.to }) > MAX_PERIOD_DAYS) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `A report covers at most ${MAX_PERIOD_DAYS} days; choose a shorter range.` });
    }
  });

export type ParsedReportRequest = { ok: true; value: ReportRequest } | { ok: false; message: string };

/**
 * Parses the query against the shop's today (YYYY-MM-DD in its time zone). Parameters the schema
 * does not know (Shopify's `shop`, `host`, `embedded`…) are ignored.
 */
export function parseReportRequest(params: URLSearchParams, today: string): ParsedReportRequest {
  const input: Record<string, string> = {};
  for (const [key, value] of params) if (!(key in input) && value !== "") input[key] = value;
  const parsed = reportRequestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((issue) => issue.message).join(" ") };
  const { period: preset, from, to, ...rest } = parsed.data;
  const period = preset === "custom" ? { from: from!, to: to! } : presetPeriod(preset, today);
  return { ok: true, value: { preset, period, ...rest } };
}
