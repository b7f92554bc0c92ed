import { describe, expect, it } from "vitest";
import { fixtureOrder, fixtureRefund, flatPlan, percentagePlan } from "../../../tests/support/commission.testkit";
import { computeDeservedCommission } from "./compute-commission";
import { eligibleAmount } from "./eligible-amount";
import type { NormalizedOrder, OrderLine } from "./shopify-order";

const LINE_1 = "5000000000001"; // product 7001, 1 × 45.00 − 6.75 discount
const LINE_2 = "5000000000002"; // product 7002, 2 × 22.50 − 6.75 discount

function line(changes: Partial<OrderLine>): OrderLine {
  return { lineId: "1", productId: "p1", quantity: 1, unitPriceMinor: 1000, discountMinor: 0, taxMinor: 0, giftCard: false, ...changes };
}

/** A plain order whose subtotal matches its lines (no unallocated discount). */
function order(lines: OrderLine[], changes: Partial<NormalizedOrder> = {}): NormalizedOrder {
  const subtotalMinor = lines.reduce((t, l) => t + l.unitPriceMinor * l.quantity - l.discountMinor, 0);
  return { ...fixtureOrder(), lines, subtotalMinor, shippingMinor: 0, tipMinor: 0, ...changes };
}

describe("the fixture order (orders-create.json, refunds-create.json) at 10 %", () => {
  const plan = percentagePlan(1000);

  it("is eligible for 76.50 and earns 7.66: each line rounds once, 3.825 → 3.83 twice", () => {
    // Line 1: 45.00 − 6.75 = 38.25; line 2: 2 × 22.50 − 6.75 = 38.25. Shipping 7.95 and tax
    // 11.88 are excluded. 10 % of 38.25 = 3.825, rounded half-up per line to 3.83, so the order
    // earns 3.83 + 3.83 = 7.66 (rounding 10 % of the total 76.50 once would give 7.65; DOMAIN.md
    // §4 rounds once per commission line, so 7.66 is right).
    const result = computeDeservedCommission({ order: fixtureOrder(), refunds: [], plan });
    expect(result).toEqual({
      deservedMinor: 766,
      eligibleMinor: 7650,
      lines: [
        { lineId: LINE_1, eligibleMinor: 3825, rateBasisPoints: 1000, commissionMinor: 383 },
        { lineId: LINE_2, eligibleMinor: 3825, rateBasisPoints: 1000, commissionMinor: 383 },
      ],
      zeroReason: null,
    });
  });

  it("after the refund of one unit of line 2 (19.13) is eligible for 57.37 and earns 5.74", () => {
    // Line 2: 38.25 − 19.13 = 19.12; 10 % = 1.912 → 1.91. Line 1 unchanged: 3.83. 3.83 + 1.91 = 5.74.
    const result = computeDeservedCommission({ order: fixtureOrder(), refunds: [fixtureRefund()], plan });
    expect(result).toMatchObject({
      deservedMinor: 574,
      eligibleMinor: 5737,
      lines: [
        { lineId: LINE_1, eligibleMinor: 3825, commissionMinor: 383 },
        { lineId: LINE_2, eligibleMinor: 1912, commissionMinor: 191 },
      ],
    });
  });

  it("counts a refund once, whether it came alone, inside the order, or both", () => {
    const withRefund = { ...fixtureOrder(), refunds: [fixtureRefund()] };
    const twice = computeDeservedCommission({ order: withRefund, refunds: [fixtureRefund(), fixtureRefund()], plan });
    expect(twice.deservedMinor).toBe(574);
  });

  it("ignores a refund of another order", () => {
    const foreign = { ...fixtureRefund(), orderId: "1" };
    expect(computeDeservedCommission({ order: fixtureOrder(), refunds: [foreign], plan }).deservedMinor).toBe(766);
  });

  it("includes shipping and tips as lines of their own when the plan does", () => {
    const withTip = { ...fixtureOrder(), tipMinor: 500, shippingDiscountMinor: 95 };
    const result = computeDeservedCommission({
      order: withTip,
      refunds: [],
      plan: percentagePlan(1000, { excludeShipping: false, excludeTips: false }),
    });
    // shipping 7.95 − 0.95 = 7.00 → 0.70; tip 5.00 → 0.50
    expect(result.eligibleMinor).toBe(7650 + 700 + 500);
    expect(result.lines.slice(2)).toEqual([
      { lineId: "shipping", eligibleMinor: 700, rateBasisPoints: 1000, commissionMinor: 70 },
      { lineId: "tip", eligibleMinor: 500, rateBasisPoints: 1000, commissionMinor: 50 },
    ]);
    expect(result.deservedMinor).toBe(766 + 70 + 50);
  });

  it("takes refunded shipping back out of included shipping", () => {
    const refund = { ...fixtureRefund(), lines: [], shippingMinor: 795 };
    const result = eligibleAmount(fixtureOrder(), [refund], percentagePlan(1000, { excludeShipping: false }));
    expect(result.shippingMinor).toBe(0);
    expect(result.eligibleMinor).toBe(7650);
  });
});

describe("overrides", () => {
  const lines = [
    line({ lineId: "a", productId: "hat", unitPriceMinor: 2000 }),
    line({ lineId: "b", productId: "mug", unitPriceMinor: 3000 }),
  ];

  it.each([
    ["no override: the plan rate", [], 100 + 150],
    ["a product override", [{ target: "product", targetId: "hat", rateBasisPoints: 2000, flatAmountMinor: null }], 400 + 150],
    ["a collection override", [{ target: "collection", targetId: "summer", rateBasisPoints: 1000, flatAmountMinor: null }], 100 + 300],
    [
      "the product override before a collection override",
      [
        { target: "collection", targetId: "summer", rateBasisPoints: 1000, flatAmountMinor: null },
        { target: "product", targetId: "mug", rateBasisPoints: 0, flatAmountMinor: null },
      ],
      100 + 0,
    ],
    [
      "the first matching collection override",
      [
        { target: "collection", targetId: "kitchen", rateBasisPoints: 2000, flatAmountMinor: null },
        { target: "collection", targetId: "summer", rateBasisPoints: 1000, flatAmountMinor: null },
      ],
      100 + 600,
    ],
    [
      "a flat-only override does not change a percentage rate",
      [{ target: "product", targetId: "hat", rateBasisPoints: null, flatAmountMinor: 999 }],
      250,
    ],
  ] as const)("5 %% plan with %s", (_name, overrides, expected) => {
    const result = computeDeservedCommission({
      order: order(lines),
      refunds: [],
      plan: percentagePlan(500, { overrides: [...overrides] }),
      productCollections: new Map([["mug", ["kitchen", "summer"]]]),
    });
    expect(result.deservedMinor).toBe(expected);
  });
});

describe("flat plans", () => {
  const twoLines = order([line({ lineId: "a", productId: "hat" }), line({ lineId: "b", productId: "mug" })]);

  it("pay the flat amount once per order, whatever its size", () => {
    expect(computeDeservedCommission({ order: twoLines, refunds: [], plan: flatPlan(500) })).toEqual({
      deservedMinor: 500,
      eligibleMinor: 2000,
      lines: [{ lineId: "order", eligibleMinor: 2000, rateBasisPoints: null, commissionMinor: 500 }],
      zeroReason: null,
    });
  });

  it("are replaced by the largest flat override of a line still eligible", () => {
    const plan = flatPlan(500, {
      overrides: [
        { target: "product", targetId: "hat", rateBasisPoints: null, flatAmountMinor: 800 },
        { target: "collection", targetId: "kitchen", rateBasisPoints: null, flatAmountMinor: 1200 },
      ],
    });
    const productCollections = new Map([["mug", ["kitchen"]]]);
    expect(computeDeservedCommission({ order: twoLines, refunds: [], plan, productCollections }).deservedMinor).toBe(1200);
    const mugRefunded = {
      refundId: "r1",
      orderId: twoLines.shopifyOrderId,
      createdAt: twoLines.createdAt,
      lines: [{ lineId: "b", quantity: 1, subtotalMinor: 1000, taxMinor: 0 }],
      shippingMinor: 0,
    };
    expect(computeDeservedCommission({ order: twoLines, refunds: [mugRefunded], plan, productCollections }).deservedMinor).toBe(800);
  });

  it("keep paying after a partial refund and pay nothing once everything is refunded", () => {
    const refund = (lineId: string, id: string) => ({
      refundId: id,
      orderId: twoLines.shopifyOrderId,
      createdAt: twoLines.createdAt,
      lines: [{ lineId, quantity: 1, subtotalMinor: 1000, taxMinor: 0 }],
      shippingMinor: 0,
    });
    expect(computeDeservedCommission({ order: twoLines, refunds: [refund("a", "r1")], plan: flatPlan(500) }).deservedMinor).toBe(500);
    expect(
      computeDeservedCommission({ order: twoLines, refunds: [refund("a", "r1"), refund("b", "r2")], plan: flatPlan(500) }),
    ).toMatchObject({
      deservedMinor: 0,
      zeroReason: "fully refunded",
    });
  });

  it("in another currency than the shop's pay nothing rather than invent an exchange rate", () => {
    expect(computeDeservedCommission({ order: twoLines, refunds: [], plan: flatPlan(500, { currency: "EUR" }) })).toMatchObject({
      deservedMinor: 0,
      zeroReason: "flat amount is in another currency",
    });
  });
});

describe("exclusions and discounts", () => {
  it("exclude gift cards unless the plan includes them", () => {
    const withGiftCard = order([line({ lineId: "a" }), line({ lineId: "gc", productId: "gift", unitPriceMinor: 5000, giftCard: true })]);
    expect(computeDeservedCommission({ order: withGiftCard, refunds: [], plan: percentagePlan(1000) })).toMatchObject({
      eligibleMinor: 1000,
      deservedMinor: 100,
    });
    expect(
      computeDeservedCommission({ order: withGiftCard, refunds: [], plan: percentagePlan(1000, { excludeGiftCards: false }) }),
    ).toMatchObject({ eligibleMinor: 6000, deservedMinor: 600 });
    const onlyGiftCard = order([line({ giftCard: true })]);
    expect(computeDeservedCommission({ order: onlyGiftCard, refunds: [], plan: percentagePlan(1000) }).zeroReason).toBe("nothing eligible");
  });

  it("subtract a line's tax when the shop's prices include tax", () => {
    // 1 × 120.00 including 20.00 VAT, 12.00 discount (of which 2.00 is VAT in the refund below)
    const vatOrder = order([line({ unitPriceMinor: 12000, discountMinor: 1200, taxMinor: 1800 })], { taxesIncluded: true });
    expect(eligibleAmount(vatOrder, [], percentagePlan(1000)).eligibleMinor).toBe(12000 - 1200 - 1800);
    expect(eligibleAmount(vatOrder, [], percentagePlan(1000, { excludeTaxes: false })).eligibleMinor).toBe(12000 - 1200);
    const refund = {
      refundId: "r1",
      orderId: vatOrder.shopifyOrderId,
      createdAt: vatOrder.createdAt,
      lines: [{ lineId: "1", quantity: 1, subtotalMinor: 5400, taxMinor: 900 }],
      shippingMinor: 0,
    };
    expect(eligibleAmount(vatOrder, [refund], percentagePlan(1000)).eligibleMinor).toBe(9000 - 4500);
    expect(eligibleAmount(vatOrder, [refund], percentagePlan(1000, { excludeTaxes: false })).eligibleMinor).toBe(10800 - 5400);
  });

  it("ignore tax lines when prices exclude tax (the tax is not in the price)", () => {
    expect(eligibleAmount(fixtureOrder(), [], percentagePlan(1000, { excludeTaxes: true })).eligibleMinor).toBe(7650);
  });

  it("share an order discount Shopify did not allocate to lines by largest remainder, losing no cent", () => {
    // Lines 10.00, 10.00, 10.00 and a gift card; subtotal says 1.00 more discount than the lines show.
    const lines = [line({ lineId: "a" }), line({ lineId: "b" }), line({ lineId: "c" }), line({ lineId: "gc", giftCard: true })];
    const discounted = order(lines, { subtotalMinor: 4000 - 100 });
    const result = eligibleAmount(discounted, [], percentagePlan(1000, { excludeGiftCards: false }));
    // 1.00 across three equal lines: 0.34, 0.33, 0.33 (the extra cent to the first); none to the gift card.
    expect(result.lines.map((l) => l.eligibleMinor)).toEqual([966, 967, 967, 1000]);
    expect(result.eligibleMinor).toBe(3900);
  });

  it("never let a line go below zero when refunds exceed it", () => {
    const single = order([line({})]);
    const refund = {
      refundId: "r1",
      orderId: single.shopifyOrderId,
      createdAt: single.createdAt,
      lines: [{ lineId: "1", quantity: 2, subtotalMinor: 5000, taxMinor: 0 }],
      shippingMinor: 0,
    };
    expect(eligibleAmount(single, [refund], percentagePlan(1000)).lines[0]!.eligibleMinor).toBe(0);
  });
});

describe("orders that deserve nothing", () => {
  it("a canceled order, whatever its lines", () => {
    const canceled = { ...fixtureOrder(), cancelledAt: "2026-10-04T10:00:00Z" };
    expect(computeDeservedCommission({ order: canceled, refunds: [], plan: percentagePlan(1000) })).toEqual({
      deservedMinor: 0,
      eligibleMinor: 0,
      lines: [],
      zeroReason: "order canceled",
    });
  });

  it("a returning customer's order under a new-customer-only plan", () => {
    const plan = percentagePlan(1000, { newCustomersOnly: true });
    const returning = { ...fixtureOrder(), customer: { id: "1", email: null, ordersCount: 2 } };
    expect(computeDeservedCommission({ order: returning, refunds: [], plan }).zeroReason).toBe("not a new customer");
    expect(computeDeservedCommission({ order: fixtureOrder(), refunds: [], plan }).deservedMinor).toBe(766);
    const guest = { ...fixtureOrder(), customer: { id: null, email: null, ordersCount: null } };
    expect(computeDeservedCommission({ order: guest, refunds: [], plan }).deservedMinor).toBe(766);
  });

  it("a rate that rounds to nothing says so", () => {
    const tiny = order([line({ unitPriceMinor: 4 })]);
    expect(computeDeservedCommission({ order: tiny, refunds: [], plan: percentagePlan(1000) })).toMatchObject({
      deservedMinor: 0,
      zeroReason: "the plan gives zero for this order",
    });
  });
});
