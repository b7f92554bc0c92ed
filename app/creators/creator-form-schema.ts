// The creator form (create and edit), shared by the browser and the action.
import { z } from "zod";
import { isCountryCode } from "../domain/countries";
import { optionalId } from "../forms/form-fields";

export const POSTAL_ADDRESS_MAX_LINES = 8;

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
  // The language of the creator's emails; blank: not set (English until they use the portal).
  locale: z
    .string()
    .optional()
    .default("")
    .refine((value) => ["", "en", "fr"].includes(value), "Choose English or Français."),
  // Printed on self-billing invoices, line by line as written; blank lines dropped.
  postalAddress: z
    .string()
    .optional()
    .default("")
    .transform((value) =>
      value
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .refine((lines) => lines.length <= POSTAL_ADDRESS_MAX_LINES, `Keep the address to ${POSTAL_ADDRESS_MAX_LINES} lines.`)
    .refine((lines) => lines.every((line) => line.length <= 120), "Keep each address line under 120 characters.")
    .transform((lines) => lines.join("\n")),
  taxCountry: z
    .string()
    .trim()
    .toUpperCase()
    .optional()
    .default("")
    .refine((code) => code === "" || isCountryCode(code), "Choose a country from the list (a two-letter ISO code such as DE)."),
  // Blank keeps the tax id on file (it is stored sealed and never shown back); removeTaxId clears it.
  taxId: z
    .string()
    .trim()
    .optional()
    .default("")
    .refine((id) => id.length <= 40, "Keep the tax id under 40 characters.")
    .refine((id) => /^[A-Za-z0-9 ./-]*$/.test(id), "Use letters, digits, spaces, dots, dashes or slashes in the tax id."),
  removeTaxId: z
    .string()
    .optional()
    .transform((value) => value === "on" || value === "true"),
});

export type CreatorForm = z.output<typeof creatorFormSchema>;
