import { z } from "zod";
import { DomainError } from "../domain/errors";

/** The one error every form in app/deals throws for bad input: a sentence per field to fix. */
export function invalidInput(fieldErrors: Record<string, string>): DomainError {
  const count = Object.keys(fieldErrors).length;
  return new DomainError(
    "invalid_input",
    count === 1 ? Object.values(fieldErrors)[0] : `Fix the ${count} highlighted fields.`,
    { fieldErrors },
  );
}

/**
 * Validates a form's values with its schema (the same schema a route uses on the client) and
 * throws `invalid_input` with the first sentence for each field that is wrong.
 */
export function parseFormInput<T extends z.ZodTypeAny>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? issue.path.join(".") : "form";
    fieldErrors[field] ??= issue.message;
  }
  throw invalidInput(fieldErrors);
}

/** An empty form field means "not given". */
const blankAsUndefined = (value: unknown) =>
  value === null || (typeof value === "string" && value.trim() === "") ? undefined : value;

export function requiredText(missing: string, maxLength: number, tooLong: string) {
  return z
    .string({ required_error: missing, invalid_type_error: missing })
    .trim()
    .min(1, missing)
    .max(maxLength, tooLong);
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
