import { z } from "zod";
import { isCalendarDate } from "../domain/calendar";

// The "Mark paid offline" form: one schema for the form and the server (no server imports here).

export const OFFLINE_REFERENCE_MAX_LENGTH = 100;

/** `today` is the shop's date (todayInTimeZone in domain/calendar); ISO dates compare correctly as strings. */
export function offlinePaymentSchema(today: string) {
  return z.object({
    method: z
      .string({ required_error: "Say how you paid, for example Bank transfer or PayPal." })
      .trim()
      .min(1, "Say how you paid, for example Bank transfer or PayPal.")
      .max(50, "Keep the method to 50 characters."),
    reference: z
      .string({ required_error: "Enter the payment reference or receipt number." })
      .trim()
      .min(1, "Enter the payment reference or receipt number.")
      .max(OFFLINE_REFERENCE_MAX_LENGTH, `Keep the reference to ${OFFLINE_REFERENCE_MAX_LENGTH} characters.`),
    paidOn: z
      .string({ required_error: "Enter the date you paid." })
      .trim()
      .superRefine((value, ctx) => {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isCalendarDate(value)) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: "Enter a real date, like 2026-03-31." });
        } else if (value > today) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: "The payment date cannot be in the future." });
        }
      }),
    note: z
      .string()
      .trim()
      .max(1000, "Keep the note to 1,000 characters.")
      .optional()
      .transform((note) => note || undefined),
  });
}

export type OfflinePayment = z.output<ReturnType<typeof offlinePaymentSchema>>;
export type OfflinePaymentInput = z.input<ReturnType<typeof offlinePaymentSchema>>;
