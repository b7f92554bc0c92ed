import type { z } from "zod";
import { DomainError } from "../domain/errors";

/**
 * The one shape of field errors: a sentence per form field, keyed by the field's name
 * ("form" when the problem is the whole form). Every form — admin pages, the portal, domain
 * functions — throws and shows this shape.
 */
export type FieldErrors = Record<string, string>;

/** The first sentence for each field a zod schema refused. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.join(".") : "form";
    fieldErrors[field] ??= issue.message;
  }
  return fieldErrors;
}

/** The one error every form throws for bad input: a sentence per field to fix. */
export function invalidInput(fieldErrors: FieldErrors): DomainError {
  const count = Object.keys(fieldErrors).length;
  return new DomainError("invalid_input", count === 1 ? Object.values(fieldErrors)[0] : `Fix the ${count} highlighted fields.`, {
    fieldErrors,
  });
}
