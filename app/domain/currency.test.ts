import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  KNOWN_CURRENCY_CODES,
  STRIPE_THREE_DECIMAL_CURRENCIES,
  STRIPE_ZERO_DECIMAL_CURRENCIES,
  isCurrencyCode,
  minorFromStripeAmount,
  minorUnitExponent,
  parseCurrencyCode,
  stripeAmountFromMinor,
  stripeTransferAmountProblem,
} from "./currency";
import { DomainError } from "./errors";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : "not a DomainError";
  }
  return undefined;
}

describe("ISO 4217 minor units", () => {
  it.each([
    ["USD", 2],
    ["EUR", 2],
    ["GBP", 2],
    ["HUF", 2],
    ["TWD", 2],
    ["MGA", 2],
    ["JPY", 0],
    ["ISK", 0],
    ["KRW", 0],
    ["VND", 0],
    ["CLP", 0],
    ["UGX", 0],
    ["PYG", 0],
    ["XAF", 0],
    ["XOF", 0],
    ["XPF", 0],
    ["KWD", 3],
    ["BHD", 3],
    ["JOD", 3],
    ["OMR", 3],
    ["TND", 3],
    ["IQD", 3],
    ["LYD", 3],
    ["CLF", 4],
  ])("%s has %i decimals", (code, exponent) => {
    expect(minorUnitExponent(code)).toBe(exponent);
  });

  it("knows only three-letter upper-case codes with 0, 2, 3 or 4 decimals", () => {
    expect(KNOWN_CURRENCY_CODES.length).toBeGreaterThan(150);
    for (const code of KNOWN_CURRENCY_CODES) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect([0, 2, 3, 4]).toContain(minorUnitExponent(code));
    }
  });

  it("accepts a code typed in lower case with spaces", () => {
    expect(parseCurrencyCode(" usd ")).toBe("USD");
    expect(isCurrencyCode("usd")).toBe(false);
    expect(isCurrencyCode("USD")).toBe(true);
  });

  it.each(["", "US", "XYZ", "DOLLARS", "U$D"])("refuses %j as a currency", (input) => {
    expect(codeOf(() => parseCurrencyCode(input))).toBe("unknown_currency");
    expect(codeOf(() => minorUnitExponent(input))).toBe("unknown_currency");
  });
});

describe("amounts Stripe expects", () => {
  it.each([
    ["USD", 1234, 1234], // 12.34 USD is 1234 cents in both
    ["JPY", 500, 500], // zero-decimal in both
    ["UGX", 1, 1], // now plain zero-decimal in Stripe
    ["KWD", 5120, 5120], // three-decimal in both
    ["ISK", 5, 500], // ISO has no decimals, Stripe keeps two
    ["HUF", 1000, 1000],
    ["MGA", 1200, 12], // ISO has two decimals, Stripe none
  ])("%s %i minor units are sent to Stripe as %i", (currency, minor, stripe) => {
    expect(stripeAmountFromMinor(currency, minor)).toBe(stripe);
    expect(minorFromStripeAmount(currency, stripe)).toBe(minor);
  });

  it("refuses to drop the fraction of an ariary that Stripe cannot carry", () => {
    expect(codeOf(() => stripeAmountFromMinor("MGA", 1250))).toBe("stripe_amount_not_exact");
  });

  it("refuses a fractional króna reported by Stripe", () => {
    expect(codeOf(() => minorFromStripeAmount("ISK", 550))).toBe("stripe_amount_not_exact");
  });

  it("refuses currencies Stripe does not have", () => {
    expect(codeOf(() => stripeAmountFromMinor("IQD", 1000))).toBe("stripe_currency_unsupported");
    expect(codeOf(() => stripeAmountFromMinor("CLF", 1000))).toBe("stripe_currency_unsupported");
  });

  it("lists Stripe's zero- and three-decimal currencies as documented", () => {
    expect([...STRIPE_ZERO_DECIMAL_CURRENCIES].sort()).toEqual([
      "BIF",
      "CLP",
      "DJF",
      "GNF",
      "JPY",
      "KMF",
      "KRW",
      "MGA",
      "PYG",
      "RWF",
      "UGX",
      "VND",
      "VUV",
      "XAF",
      "XOF",
      "XPF",
    ]);
    expect([...STRIPE_THREE_DECIMAL_CURRENCIES].sort()).toEqual(["BHD", "JOD", "KWD", "OMR", "TND"]);
  });

  it.each([
    ["USD", 1, null],
    ["JPY", 1, null],
    ["ISK", 5, null],
    ["HUF", 1000, null],
    ["HUF", 1050, /whole HUF/],
    ["TWD", 1001, /whole TWD/],
    ["KWD", 5120, null],
    ["KWD", 5124, /last decimal is 0/],
    ["MGA", 150, /whole MGA/],
    ["IQD", 1000, /cannot pay in IQD/],
    ["USD", 0, /more than zero/],
    ["USD", -100, /more than zero/],
  ])("a transfer of %s %i: %s", (currency, amount, problem) => {
    const result = stripeTransferAmountProblem(currency, amount);
    if (problem === null) expect(result).toBeNull();
    else expect(result).toMatch(problem);
  });

  const stripeCurrencies = KNOWN_CURRENCY_CODES.filter((code) => stripeTransferAmountProblem(code, 1000) === null);

  it("round-trips every transferable amount through Stripe's units", () => {
    fc.assert(
      fc.property(fc.constantFrom(...stripeCurrencies), fc.integer({ min: 1, max: 10 ** 12 }), (currency, minor) => {
        if (stripeTransferAmountProblem(currency, minor) !== null) return;
        const stripe = stripeAmountFromMinor(currency, minor);
        expect(stripe).toBeGreaterThan(0);
        expect(minorFromStripeAmount(currency, stripe)).toBe(minor);
      }),
    );
  });

  it("never converts an amount that has no problem into one Stripe would reject", () => {
    fc.assert(
      fc.property(fc.constantFrom("HUF", "TWD", "ISK", "KWD", "BHD", "MGA"), fc.integer({ min: 1, max: 10 ** 9 }), (currency, minor) => {
        if (stripeTransferAmountProblem(currency, minor) !== null) return;
        const stripe = stripeAmountFromMinor(currency, minor);
        if (["HUF", "TWD", "ISK"].includes(currency)) expect(stripe % 100).toBe(0);
        if (["KWD", "BHD"].includes(currency)) expect(stripe % 10).toBe(0);
      }),
    );
  });
});
