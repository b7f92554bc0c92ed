// The creator form (create and edit), shared by the browser and the action.
import { z } from "zod";
import { optionalId } from "../forms/form-fields";

export const creatorFormSchema = z.object({
  name: z.string().trim().min(1, "Enter the creator's name.").max(120, "Keep the name under 120 characters."),
  email: z.string().trim().toLowerCase().email("Enter an email address, e.g. ava@example.com."),
  socialHandle: z.string().trim().max(80, "Keep the handle under 80 characters.").optional().default(""),
  referralCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9_-]{3,24}$/, "Use 3 to 24 letters, digits, dashes or underscores, e.g. AVA10."),
  discountCodes: z
    .string()
    .optional()
    .default("")
    .transform((value) => [
      ...new Set(
        value
          .split(/[\s,]+/)
          .map((c) => c.trim().toUpperCase())
          .filter(Boolean),
      ),
    ])
    .refine(
      (codes) => codes.every((c) => /^[A-Z0-9_-]{2,40}$/.test(c)),
      "Discount codes use letters, digits, dashes or underscores, separated by commas.",
    ),
  tags: z
    .string()
    .optional()
    .default("")
    .transform((value) => [
      ...new Set(
        value
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ]),
  notes: z.string().trim().max(2000, "Keep notes under 2,000 characters.").optional().default(""),
  // Blank: the shop default plan (checked to be the shop's own plan when saved).
  commissionPlanId: optionalId("Choose a commission plan from the list, or the shop default."),
});

export type CreatorForm = z.output<typeof creatorFormSchema>;
