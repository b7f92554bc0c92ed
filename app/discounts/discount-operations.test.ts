// Every Admin GraphQL operation the discount code feature sends, validated against Shopify's
// 2026-04 Admin schema (a copy in tests/fixtures/shopify; the app never reads it at run time),
// with the variables the app builds.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { buildSchema, getOperationAST, getVariableValues, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { DISCOUNT_CODE_BASIC_CREATE, DISCOUNT_OPERATIONS } from "./discount-operations";
import { basicDiscountInput, discountTermsSchema, generateDiscountCode } from "./discount-terms";

const schema = buildSchema(readFileSync(new URL("../../tests/fixtures/shopify/admin-2026-04.graphql", import.meta.url), "utf8"));

function variableErrors(query: string, variables: Record<string, unknown>) {
  const document = parse(query);
  const result = getVariableValues(schema, getOperationAST(document)!.variableDefinitions ?? [], variables);
  return result.errors?.map((e) => e.message) ?? [];
}

describe("discount Admin API operations", () => {
  it.each(Object.entries(DISCOUNT_OPERATIONS))("%s is valid against the 2026-04 Admin schema", (_name, query) => {
    expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([]);
  });

  it("builds a DiscountCodeBasicInput the schema accepts, for any terms the form accepts", () => {
    const terms = fc.record({
      valueKind: fc.constantFrom("percentage", "fixed_amount"),
      value: fc.oneof(fc.integer({ min: 1, max: 100 }).map(String), fc.constantFrom("12.50", "0.99", "5")),
      minimumSubtotal: fc.constantFrom("", "50", "49.99"),
      oncePerCustomer: fc.constantFrom("true", "false"),
      combinesWithShippingDiscounts: fc.constantFrom("true", "false"),
    });
    fc.assert(
      fc.property(terms, (form) => {
        const parsed = discountTermsSchema.parse(form);
        const input = basicDiscountInput(parsed, "AVA15", "Ava (creator code)", new Date("2026-12-05T00:00:00Z"));
        expect(variableErrors(DISCOUNT_CODE_BASIC_CREATE, { basicCodeDiscount: input })).toEqual([]);
      }),
    );
  });

  it("sends 15 % as the fraction 0.15 and a fixed amount as a decimal string", () => {
    const percent = basicDiscountInput(discountTermsSchema.parse({ valueKind: "percentage", value: "15" }), "A1", "t", new Date(0));
    expect(percent.customerGets.value).toEqual({ percentage: 0.15 });
    const fixed = basicDiscountInput(discountTermsSchema.parse({ valueKind: "fixed_amount", value: "12.50" }), "A1", "t", new Date(0));
    expect(fixed.customerGets.value).toEqual({ discountAmount: { amount: "12.50", appliesOnEachItem: false } });
  });

  it("refuses a percentage over 100 and a malformed code", () => {
    const result = discountTermsSchema.safeParse({ valueKind: "percentage", value: "150", code: "no spaces!" });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path[0]).sort()).toEqual(["code", "value"]);
  });

  it("generates codes from the creator's name plus digits, always a valid code", () => {
    fc.assert(
      fc.property(fc.string(), fc.double({ min: 0, max: 0.999999, noNaN: true }), (name, r) => {
        expect(generateDiscountCode(name, () => r)).toMatch(/^[A-Z0-9]{3,18}$/);
      }),
    );
    expect(generateDiscountCode("Ava Chen", () => 0.5)).toBe("AVACHEN55");
  });
});
