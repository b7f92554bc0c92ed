import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixtureOrder, fixtureRefund } from "../../../tests/support/commission.testkit";
import { applyOrderVersion, EMPTY_ORDER_AGGREGATE, type OrderAggregate } from "./order-aggregate";
import { decodeOrderState, encodeOrderState } from "./order-state";
import type { NormalizedOrder, NormalizedRefund } from "./shopify-order";

const text = fc.string({ maxLength: 12 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const minor = fc.integer({ min: -1_000_000, max: 1_000_000 });
const instant = fc
  .date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-01-01T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString());

const refundArbitrary: fc.Arbitrary<NormalizedRefund> = fc.record({
  refundId: text,
  orderId: text,
  createdAt: instant,
  lines: fc.array(fc.record({ lineId: text, quantity: fc.nat(9), subtotalMinor: minor, taxMinor: minor }), { maxLength: 3 }),
  shippingMinor: minor,
});

const orderArbitrary: fc.Arbitrary<NormalizedOrder> = fc.record(
  {
    shopifyOrderId: text,
    name: text,
    createdAt: instant,
    updatedAt: instant,
    currency: fc.constantFrom("USD", "EUR", "JPY"),
    presentmentCurrency: maybe(fc.constantFrom("USD", "CAD")),
    presentmentTotalMinor: maybe(minor),
    financialStatus: maybe(fc.constantFrom("paid", "pending", "refunded")),
    cancelledAt: maybe(instant),
    test: fc.boolean(),
    taxesIncluded: fc.boolean(),
    customer: fc.record({ id: maybe(text), email: maybe(text), ordersCount: maybe(fc.nat(50)) }),
    email: maybe(text),
    discountCodes: fc.array(text, { maxLength: 3 }),
    noteAttributes: fc.dictionary(text, text, { maxKeys: 3 }),
    lines: fc.array(
      fc.record({
        lineId: text,
        productId: maybe(text),
        quantity: fc.nat(9),
        unitPriceMinor: minor,
        discountMinor: minor,
        taxMinor: minor,
        giftCard: fc.boolean(),
      }),
      { maxLength: 4 },
    ),
    shippingMinor: minor,
    shippingDiscountMinor: minor,
    tipMinor: minor,
    totalTaxMinor: minor,
    subtotalMinor: minor,
    totalMinor: minor,
    refunds: fc.array(refundArbitrary, { maxLength: 2 }),
    referringSite: maybe(text),
    landingSite: maybe(text),
    shippingAddress: maybe(fc.record({ address1: maybe(text), zip: maybe(text), countryCode: maybe(text) })),
  },
  // Orders stored before issue 17 have no referringSite, landingSite or shippingAddress.
  {
    requiredKeys: [
      "shopifyOrderId",
      "name",
      "createdAt",
      "updatedAt",
      "currency",
      "presentmentCurrency",
      "presentmentTotalMinor",
      "financialStatus",
      "cancelledAt",
      "test",
      "taxesIncluded",
      "customer",
      "email",
      "discountCodes",
      "noteAttributes",
      "lines",
      "shippingMinor",
      "shippingDiscountMinor",
      "tipMinor",
      "totalTaxMinor",
      "subtotalMinor",
      "totalMinor",
      "refunds",
    ],
  },
);

const aggregateArbitrary: fc.Arbitrary<OrderAggregate> = fc.record({
  latest: maybe(orderArbitrary),
  refunds: fc.array(refundArbitrary, { maxLength: 3 }),
  paidAt: maybe(instant),
});

/** What the database gives back: the stored JSON, parsed. */
const throughJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe("the stored order state (AttributedOrder.orderState)", () => {
  it("reads back exactly the aggregate it stored, absent optional fields included", () => {
    fc.assert(
      fc.property(aggregateArbitrary, (aggregate) => {
        const decoded = decodeOrderState(throughJson(encodeOrderState(aggregate)));
        // Same text with sorted keys and the same keys present: the merge's tie-break sees the same order.
        expect(decoded).toStrictEqual(throughJson(aggregate));
      }),
      { numRuns: 300 },
    );
  });

  it("still reads the object form written before it, and anything else as the empty aggregate", () => {
    const legacy = applyOrderVersion(EMPTY_ORDER_AGGREGATE, "orders/create", { ...fixtureOrder(), refunds: [fixtureRefund()] }).aggregate;
    expect(decodeOrderState(throughJson(legacy))).toStrictEqual(throughJson(legacy));
    expect(decodeOrderState({})).toBe(EMPTY_ORDER_AGGREGATE);
    expect(decodeOrderState({ demo: true, lineItems: [] })).toBe(EMPTY_ORDER_AGGREGATE);
    expect(decodeOrderState(null)).toBe(EMPTY_ORDER_AGGREGATE);
    expect(decodeOrderState([99, null, [], null])).toBe(EMPTY_ORDER_AGGREGATE);
  });

  it("stores a typical order in under half the text of the object form", () => {
    const aggregate = applyOrderVersion(EMPTY_ORDER_AGGREGATE, "orders/create", fixtureOrder()).aggregate;
    const stored = JSON.stringify(encodeOrderState(aggregate)).length;
    expect(stored).toBeLessThan(JSON.stringify(aggregate).length / 2);
  });
});
