// The field schemas forms share (text, ids, amounts, currencies), each with the sentence a
// person sees. Forms are parsed with parseForm (parse-form.ts).
import { z } from "zod";

/** An empty form field means "not given". */
const blankAsUndefined = (value: unknown) => (value === null || (typeof value === "string" && value.trim() === "") ? undefined : value);

export function requiredText(missing: string, maxLength: number, tooLong: string) {
  return z.string({ required_error: missing, invalid_type_error: missing }).trim().min(1, missing).max(maxLength, tooLong);
}

export function optionalText(maxLength: number, tooLong: string) {
  return z.preprocess(blankAsUndefined, z.string().trim().max(maxLength, tooLong).optional());
}

/** A record id chosen in a form (a select), e.g. `cp_…`, that may be left blank. */
export function optionalId(invalid: string) {
  return z.preprocess(blankAsUndefined, z.string({ invalid_type_error: invalid }).trim().max(64, invalid).optional());
}

/** The raw amount a person typed ("500", "12.50"); parsed later in its currency (parse-amount-field.ts). */
export const amountText = z
  .string({ required_error: "Enter an amount.", invalid_type_error: "Enter an amount." })
  .trim()
  .min(1, "Enter an amount.")
  .max(32, "Enter an amount like 1,234.56.");

export const optionalCurrency = z.preprocess(
  blankAsUndefined,
  z
    .string({ invalid_type_error: "Choose a currency such as USD." })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, "Choose a three-letter currency such as USD.")
    .optional(),
);

export const requiredCurrency = z
  .string({ required_error: "Choose a currency.", invalid_type_error: "Choose a currency." })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "Choose a three-letter currency such as USD.");

/**
 * A field as the text a person sent ("" when absent): for values a domain function validates
 * itself with its own schema and sentences.
 */
export const formText = z.preprocess((value) => (typeof value === "string" ? value : ""), z.string());

/** A field's trimmed text, or undefined when blank or absent. */
export const optionalFormText = z.preprocess(
  (value) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined),
  z.string().optional(),
);

/** The `intent` field of a multi-action page's forms (see intent-registry.ts). */
export const intentField = z.object({ intent: formText });
