import { describe, expect, it } from "vitest";
import { choosePlan, validatePlanSnapshot } from "./commission-plan";
import { flatPlan, percentagePlan } from "../../../tests/support/commission.testkit";

describe("reading a plan snapshot back from JSON", () => {
  it("accepts a complete snapshot as it was written", () => {
    const plan = percentagePlan(1250, {
      overrides: [{ target: "collection", targetId: "42", rateBasisPoints: 2000, flatAmountMinor: null }],
    });
    expect(validatePlanSnapshot(JSON.parse(JSON.stringify(plan)))).toEqual({ ok: true, value: plan });
    expect(validatePlanSnapshot(flatPlan(500))).toMatchObject({ ok: true });
  });

  it("reads an older snapshot without the exclusion flags with the product defaults", () => {
    expect(validatePlanSnapshot({ kind: "percentage", rateBasisPoints: 1000 })).toEqual({
      ok: true,
      value: percentagePlan(1000, { planId: null, name: "" }),
    });
  });

  it.each([
    [{ kind: "percentage" }, "The commission plan's rateBasisPoints is required for a percentage plan."],
    [{ kind: "flat", flatAmountMinor: 500 }, "The commission plan's currency is required for a flat plan."],
    [{ kind: "percentage", rateBasisPoints: 12.5 }, "The commission plan's rateBasisPoints should be an integer, not a float."],
    [{ kind: "tiered", rateBasisPoints: 1 }, "The commission plan's kind should be one of percentage, flat."],
    [
      { kind: "percentage", rateBasisPoints: 1, overrides: [{ target: "product", targetId: "1" }] },
      "The commission plan's overrides[0] needs a rate or a flat amount.",
    ],
    [null, "The commission plan is missing."],
  ])("rejects %j", (input, reason) => {
    expect(validatePlanSnapshot(input)).toEqual({ ok: false, reason });
  });
});

describe("choosing the plan for an order", () => {
  const shop = percentagePlan(500, { planId: "shop" });
  const creator = percentagePlan(1000, { planId: "creator" });
  const deal = flatPlan(2500, { planId: "deal" });

  it("takes the most specific plan: deal, then creator, then the shop default", () => {
    expect(choosePlan({ deal, creator, shop })).toBe(deal);
    expect(choosePlan({ deal: null, creator, shop })).toBe(creator);
    expect(choosePlan({ deal: null, creator: null, shop })).toBe(shop);
    expect(choosePlan({ deal: null, creator: null, shop: null })).toBeNull();
  });
});
