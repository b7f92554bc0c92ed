import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DomainError } from "../domain/errors";
import { amountText, formText, optionalCurrency, optionalText, requiredCurrency, requiredText } from "./form-fields";
import { parseForm } from "./parse-form";

function refusal(work: () => unknown): DomainError {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("parseForm accepted the form");
}

const FIELD_KINDS = {
  requiredText: () => requiredText("Enter it.", 10, "Keep it to 10 characters."),
  optionalText: () => optionalText(10, "Keep it to 10 characters."),
  amountText: () => amountText,
  requiredCurrency: () => requiredCurrency,
  optionalCurrency: () => optionalCurrency,
  formText: () => formText,
  count: () => z.coerce.number({ invalid_type_error: "Enter a number." }).int("Enter a whole number.").min(0, "Enter zero or more."),
  choice: () => z.enum(["a", "b"], { errorMap: () => ({ message: "Choose a or b." }) }),
};
type FieldKind = keyof typeof FIELD_KINDS;

const fieldName = fc.stringMatching(/^[a-z][a-zA-Z]{0,8}$/);
const schemaShape = fc.dictionary(fieldName, fc.constantFrom(...(Object.keys(FIELD_KINDS) as FieldKind[])), { minKeys: 1, maxKeys: 6 });
/** What a browser (or anyone with curl) can send for a field: nothing, text, or the field twice. */
const sentValue = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 14 }),
  fc.constantFrom("", "  ", "USD", "usd", "12.50", "-3", "a", "b", "0", "1e3", "x".repeat(40)),
  fc.array(fc.string({ maxLength: 4 }), { minLength: 2, maxLength: 3 }),
);

function formOf(values: Record<string, string | string[] | undefined>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(values)) {
    for (const one of value === undefined ? [] : Array.isArray(value) ? value : [value]) form.append(name, one);
  }
  return form;
}

describe("parseForm: one way to read a form", () => {
  it("returns the parsed values of a valid form (FormData or gathered values)", () => {
    const schema = z.object({
      title: requiredText("Give it a title.", 20, "Too long."),
      currency: requiredCurrency,
      note: optionalText(50, "Too long."),
    });
    const form = formOf({ title: "  Spring launch ", currency: "usd", note: " " });
    expect(parseForm(schema, form)).toEqual({ title: "Spring launch", currency: "USD", note: undefined });
    expect(parseForm(schema, { title: "Spring launch", currency: "EUR" })).toEqual({
      title: "Spring launch",
      currency: "EUR",
      note: undefined,
    });
  });

  it("throws invalid_input with one sentence per field, the same shape for FormData and values", () => {
    const schema = z.object({ title: requiredText("Give it a title.", 20, "Too long."), currency: requiredCurrency });
    for (const input of [formOf({ currency: "dollars" }), { currency: "dollars" }]) {
      const error = refusal(() => parseForm(schema, input));
      expect(error.code).toBe("invalid_input");
      expect(error.message).toBe("Fix the 2 highlighted fields.");
      expect(error.details).toEqual({
        fieldErrors: { title: "Give it a title.", currency: "Choose a three-letter currency such as USD." },
      });
    }
    const one = refusal(() => parseForm(schema, formOf({ title: "x".repeat(21), currency: "USD" })));
    expect(one.message).toBe("Too long.");
    expect(one.details).toEqual({ fieldErrors: { title: "Too long." } });
  });

  it("answers any invalid form with invalid_input and a sentence for fields of the schema only", () => {
    fc.assert(
      fc.property(
        schemaShape.chain((shape) =>
          fc.tuple(
            fc.constant(shape),
            fc.dictionary(fc.oneof(fc.constantFrom(...Object.keys(shape)), fieldName), sentValue, { maxKeys: 8 }),
          ),
        ),
        ([shape, sent]) => {
          const schema = z.object(Object.fromEntries(Object.entries(shape).map(([name, kind]) => [name, FIELD_KINDS[kind]()])));
          const form = formOf(sent);
          const checked = schema.safeParse(
            Object.fromEntries([...new Set(form.keys())].map((k) => [k, form.getAll(k).length === 1 ? form.get(k) : form.getAll(k)])),
          );
          if (checked.success) {
            expect(parseForm(schema, form)).toEqual(checked.data);
            return;
          }
          const error = refusal(() => parseForm(schema, form));
          expect(error.code).toBe("invalid_input");
          const fieldErrors = (error.details as { fieldErrors: Record<string, unknown> }).fieldErrors;
          const fields = Object.keys(fieldErrors);
          expect(fields.length).toBeGreaterThan(0);
          for (const field of fields) {
            expect(Object.keys(shape)).toContain(field);
            expect(typeof fieldErrors[field]).toBe("string");
            expect((fieldErrors[field] as string).length).toBeGreaterThan(0);
          }
          expect(error.message).toBe(fields.length === 1 ? fieldErrors[fields[0]] : `Fix the ${fields.length} highlighted fields.`);
        },
      ),
      { numRuns: 400 },
    );
  });
});
