import { describe, expect, it } from "vitest";
import { amountLimitProblem, formatMaxAmount, isWithinAmountLimit, MAX_AMOUNT_MINOR, MAX_LEDGER_ENTRY_MINOR } from "./amount-limits";
import { orderPayload } from "../../tests/support/shopify-payloads";
import { validatePlanSnapshot } from "./commission/commission-plan";
import { parseShopifyOrder } from "./commission/shopify-order";
import { parseDecimalString, parseMoney } from "./money";

describe("the business maximum of one amount", () => {
  it("is 10^11 minor units in every currency, written for people per exponent", () => {
    expect(MAX_AMOUNT_MINOR).toBe(100_000_000_000);
    expect(formatMaxAmount("USD")).toBe("1,000,000,000.00");
    expect(formatMaxAmount("JPY")).toBe("100,000,000,000");
    expect(formatMaxAmount("KWD")).toBe("100,000,000.000");
    // A sum needs more than 90,000 maximal amounts before it leaves the exact range of a number.
    expect(Math.floor(Number.MAX_SAFE_INTEGER / MAX_AMOUNT_MINOR)).toBe(90_071);
    expect(Number.isSafeInteger(MAX_LEDGER_ENTRY_MINOR * 10_000)).toBe(false); // hence rates go through bigint (rounding.ts)
    expect(Number.isSafeInteger(MAX_AMOUNT_MINOR * 10_000)).toBe(true);
  });

  it("caps negative amounts like positive ones, and refuses what is not a safe integer", () => {
    expect(isWithinAmountLimit(MAX_AMOUNT_MINOR, "USD")).toBe(true);
    expect(isWithinAmountLimit(-MAX_AMOUNT_MINOR, "USD")).toBe(true);
    expect(isWithinAmountLimit(MAX_AMOUNT_MINOR + 1, "USD")).toBe(false);
    expect(isWithinAmountLimit(-MAX_AMOUNT_MINOR - 1, "USD")).toBe(false);
    expect(isWithinAmountLimit(2 ** 60, "USD")).toBe(false);
    expect(isWithinAmountLimit(2n ** 70n, "USD")).toBe(false);
    expect(amountLimitProblem(MAX_AMOUNT_MINOR + 1, "EUR")).toBe("An amount can be at most EUR 1,000,000,000.00.");
  });

  it("is enforced by the parsers every input goes through", () => {
    expect(parseMoney("1,000,000,000.00", "USD").amountMinor).toBe(MAX_AMOUNT_MINOR);
    expect(parseMoney("-1000000000", "USD").amountMinor).toBe(-MAX_AMOUNT_MINOR);
    expect(() => parseMoney("1,000,000,000.01", "USD")).toThrow("An amount can be at most USD 1,000,000,000.00.");
    expect(() => parseMoney("90071992547409.91", "USD")).toThrow(expect.objectContaining({ code: "amount_over_limit" }));
    expect(() => parseMoney("100000000001", "JPY")).toThrow("An amount can be at most JPY 100,000,000,000.");
    expect(parseDecimalString("1000000000.00", "USD").amountMinor).toBe(MAX_AMOUNT_MINOR);
    expect(() => parseDecimalString("1000000000.01", "USD")).toThrow(expect.objectContaining({ code: "amount_over_limit" }));
  });

  it("caps a commission plan's flat amount", () => {
    const flat = (flatAmountMinor: number) => validatePlanSnapshot({ kind: "flat", flatAmountMinor, currency: "USD" });
    expect(flat(MAX_AMOUNT_MINOR).ok).toBe(true);
    expect(flat(MAX_AMOUNT_MINOR + 1)).toMatchObject({ ok: false, reason: expect.stringContaining("maximum amount") });
  });
});

describe("a Shopify order line over the maximum", () => {
  it("is refused even when every single amount is within it: price × quantity is one amount too", () => {
    // Two at nearly the maximum, one discounted in full: each amount fits (totals too), the line total does not.
    const payload = orderPayload({
      orderId: 1,
      createdAt: "2026-10-03T14:21:09-04:00",
      updatedAt: "2026-10-03T14:21:09-04:00",
      lines: [{ lineId: 11, productId: 7, quantity: 2, unitPriceMinor: MAX_AMOUNT_MINOR - 800, discountMinor: MAX_AMOUNT_MINOR }],
    });
    for (const key of Object.keys(payload)) if (key.startsWith("total_line_items_price")) delete payload[key];
    expect(parseShopifyOrder(payload)).toEqual({
      ok: false,
      reason: "line_items[0] (price × quantity) is over the maximum amount: An amount can be at most USD 1,000,000,000.00.",
    });
  });
});
