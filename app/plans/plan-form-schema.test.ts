import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_AMOUNT_MINOR } from "../domain/amount-limits";
import { planFormSchema, shopifyNumericId } from "./plan-form-schema";

const base = { name: "Spring", kind: "percentage", rate: "10", flatAmount: "" };

describe("the plan form", () => {
  it("reads any percentage with up to two decimals as exact basis points", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (basisPoints) => {
        const text = `${Math.floor(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, "0")}`;
        const parsed = planFormSchema("USD").safeParse({ ...base, rate: text });
        expect(parsed.success && parsed.data.rateBasisPoints).toBe(basisPoints);
      }),
    );
  });

  it("holds a flat amount to the amount limit, in the shop currency's minor units", () => {
    const flat = (flatAmount: string, currency = "USD") => planFormSchema(currency).safeParse({ ...base, kind: "flat", flatAmount });
    expect(flat("5.00")).toMatchObject({ success: true, data: { kind: "flat", flatAmountMinor: 500, rateBasisPoints: null } });
    expect(flat("500", "JPY")).toMatchObject({ success: true, data: { flatAmountMinor: 500 } });
    expect(flat("1000000000.00")).toMatchObject({ success: true, data: { flatAmountMinor: MAX_AMOUNT_MINOR } });
    expect(flat("1000000000.01").success).toBe(false);
    expect(flat("5.001").success).toBe(false);
  });

  it("turns product and collection GIDs or numbers into the numeric ids orders carry, and refuses the wrong type", () => {
    expect(shopifyNumericId("gid://shopify/Product/7002", "product")).toBe("7002");
    expect(shopifyNumericId(" 7002 ", "collection")).toBe("7002");
    expect(shopifyNumericId("gid://shopify/Collection/12", "product")).toBeNull();
    expect(shopifyNumericId("summer-hats", "collection")).toBeNull();
    const parsed = planFormSchema("USD").safeParse({
      ...base,
      overrideTarget: ["product", "collection"],
      overrideId: ["gid://shopify/Product/7002", "gid://shopify/Collection/12"],
      overrideTitle: ["Jacket", ""],
      overrideValue: ["25", "12.5"],
    });
    expect(parsed.success && parsed.data.overrides).toEqual([
      { target: "product", targetId: "7002", title: "Jacket", rateBasisPoints: 2500, flatAmountMinor: null },
      { target: "collection", targetId: "12", title: null, rateBasisPoints: 1250, flatAmountMinor: null },
    ]);
  });
});
