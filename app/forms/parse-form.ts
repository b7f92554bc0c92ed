import type { z } from "zod";
import { fieldErrorsOf, invalidInput } from "./field-errors";

/** A form's values as zod sees them: a field sent twice becomes a list, files stay files. */
export function formValues(form: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const values: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const name of new Set(form.keys())) {
    const all = form.getAll(name);
    values[name] = all.length === 1 ? all[0] : all;
  }
  return values;
}

/**
 * The one way to read a form: validates it with its schema (the same schema the page uses on the
 * client) and returns the parsed values, or throws `invalid_input` with one sentence per field.
 * Takes the FormData a bounded reader produced (app/http/bounded-body.server.ts), or values a
 * caller already gathered.
 */
export function parseForm<T extends z.ZodTypeAny>(schema: T, input: FormData | Record<string, unknown>): z.output<T> {
  const result = schema.safeParse(input instanceof FormData ? formValues(input) : input);
  if (result.success) return result.data;
  throw invalidInput(fieldErrorsOf(result.error));
}
