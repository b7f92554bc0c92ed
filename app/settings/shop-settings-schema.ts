// The Settings form (DOMAIN.md §5), validated the same way in the browser and in the action.
import { z } from "zod";

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((v) => v === "on" || v === "true");

/** "12.5" → 1250 basis points, exactly (no floats): at most two decimals, 0–100 %. */
export function parsePercentToBasisPoints(input: string): number | null {
  const match = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*$/.exec(input);
  if (!match) return null;
  const basisPoints = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return basisPoints <= 10000 ? basisPoints : null;
}

export function basisPointsToPercent(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const fraction = basisPoints % 100;
  return fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(2, "0").replace(/0$/, "")}`;
}

export const shopSettingsSchema = z.object({
  defaultRatePercent: z.string().transform((value, ctx) => {
    const basisPoints = parsePercentToBasisPoints(value);
    if (basisPoints === null) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: "Enter a percentage between 0 and 100 with at most two decimals, e.g. 10 or 12.5.",
      });
      return z.NEVER;
    }
    return basisPoints;
  }),
  newCustomersOnly: checkbox,
  holdPeriodDays: z.coerce
    .number({ invalid_type_error: "Enter a number of days." })
    .int("Enter a whole number of days.")
    .min(0, "The hold period cannot be negative.")
    .max(365, "The hold period can be at most 365 days."),
  payoutSchedule: z.enum(["manual", "weekly", "monthly"], { errorMap: () => ({ message: "Choose manual, weekly or monthly." }) }),
  creatorReviewEnabled: checkbox,
  invoiceRequired: checkbox,
  invoicePrefix: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,12}$/, "Use 1 to 12 letters, digits or dashes, e.g. CP-."),
  selfSignupEnabled: checkbox,
  attributionWindowDays: z.coerce
    .number({ invalid_type_error: "Enter a number of days." })
    .int("Enter a whole number of days.")
    .min(1, "The attribution window is at least 1 day.")
    .max(365, "The attribution window can be at most 365 days."),
  countPaidOrdersOnly: checkbox,
  ignoreTestOrders: checkbox,
  emailSenderName: z.string().trim().max(80, "Keep the sender name under 80 characters.").optional().default(""),
  emailReplyTo: z
    .string()
    .trim()
    .optional()
    .default("")
    .refine((v) => v === "" || z.string().email().safeParse(v).success, "Enter an email address, e.g. payouts@yourstore.com."),
  minimumPayout: z.string().trim().min(1, "Enter a minimum payout, e.g. 25.00."),
  // Checked against the store's country in updateShopSettings (the country is not in the form).
  vatNumber: z.string().trim().max(30, "A VAT number has at most 30 characters.").optional().default(""),
});

export type ShopSettingsInput = z.input<typeof shopSettingsSchema>;
export type ShopSettings = z.output<typeof shopSettingsSchema>;
