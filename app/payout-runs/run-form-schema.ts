import { z } from "zod";
import { isCalendarDate } from "../domain/calendar";

// The "Generate payouts" form: one schema for the page and the server (no server imports here).
// Dates are calendar days in the shop's time zone; `today` is the shop's today.

const calendarDate = (missing: string) =>
  z.string({ required_error: missing }).trim().min(1, missing).refine(isCalendarDate, "Enter a real date, like 2026-03-31.");

/** A checkbox sends "on" when ticked and nothing when not; API callers pass a boolean. */
const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

export function payoutRunFormSchema(today: string) {
  return z
    .object({
      from: calendarDate("Enter the first day of the range."),
      to: calendarDate("Enter the last day of the range."),
      creatorId: z
        .string()
        .trim()
        .nullish()
        .transform((id) => id || null),
      honourMinimum: checkbox,
    })
    .superRefine((input, ctx) => {
      if (input.from > input.to) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["to"],
          message: "The range ends before it starts: pick an end date on or after the start date.",
        });
      }
      if (input.to > today) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["to"],
          message: `The range cannot end after today (${today}): items that become payable later go into a later run.`,
        });
      }
    });
}

export type PayoutRunForm = z.output<ReturnType<typeof payoutRunFormSchema>>;
/** What callers pass: form strings or typed values. */
export type PayoutRunRequest = z.input<ReturnType<typeof payoutRunFormSchema>>;
