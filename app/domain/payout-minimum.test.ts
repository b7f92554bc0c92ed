import { describe, expect, it } from "vitest";
import { payoutMinimumMinor } from "./payout-minimum";

describe("payoutMinimumMinor", () => {
  it.each([
    { stored: 5_000, currency: "USD", expected: 5_000, why: "the stored minimum wins" },
    { stored: 0, currency: "EUR", expected: 0, why: "a stored zero is a minimum too" },
    { stored: null, currency: "USD", expected: 2_500, why: "25.00 in the shop currency by default" },
    { stored: null, currency: "EUR", expected: null, why: "no default in another currency" },
  ])("$why", ({ stored, currency, expected }) => {
    expect(payoutMinimumMinor(stored, currency, "USD")).toBe(expected);
  });
});
