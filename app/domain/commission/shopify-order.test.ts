import { describe, expect, it } from "vitest";
import { copyOf, orderPayload, refundPayload } from "../../../tests/support/commission.testkit";
import { CREATOR_REF_ATTRIBUTE, parseShopifyOrder, parseShopifyRefund } from "./shopify-order";

// Payloads are edited freely to make bad input; the parser is what checks their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type LoosePayload = any;

function parseOrder(change: (payload: LoosePayload) => void = () => {}) {
  const payload = copyOf(orderPayload) as LoosePayload;
  change(payload);
  return parseShopifyOrder(payload);
}

describe("reading a Shopify order", () => {
  it("reads the orders/create fixture in shop-currency minor units", () => {
    const parsed = parseOrder();
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        shopifyOrderId: "5880473436254",
        name: "#1042",
        createdAt: "2026-10-03T14:21:09-04:00",
        updatedAt: "2026-10-03T14:21:09-04:00",
        currency: "USD",
        presentmentCurrency: "USD",
        presentmentTotalMinor: 9633,
        financialStatus: "paid",
        cancelledAt: null,
        test: false,
        taxesIncluded: false,
        customer: { id: "7301112233", email: "jamie.buyer@example.com", ordersCount: 1 },
        email: "jamie.buyer@example.com",
        discountCodes: ["SUMMER15"],
        noteAttributes: { [CREATOR_REF_ATTRIBUTE]: "MAYA" },
        lines: [
          {
            lineId: "5000000000001",
            productId: "7001",
            quantity: 1,
            unitPriceMinor: 4500,
            discountMinor: 675,
            taxMinor: 594,
            giftCard: false,
          },
          {
            lineId: "5000000000002",
            productId: "7002",
            quantity: 2,
            unitPriceMinor: 2250,
            discountMinor: 675,
            taxMinor: 594,
            giftCard: false,
          },
        ],
        shippingMinor: 795,
        shippingDiscountMinor: 0,
        tipMinor: 0,
        totalTaxMinor: 1188,
        subtotalMinor: 7650,
        totalMinor: 9633,
        refunds: [],
      },
    });
  });

  it("prefers shop money over presentment money and the plain field", () => {
    const parsed = parseOrder((p) => {
      p.presentment_currency = "EUR";
      p.total_price_set.presentment_money = { amount: "88.10", currency_code: "EUR" };
      p.line_items[0].price = "41.00"; // presentment price in the plain field
      p.line_items[0].price_set.presentment_money = { amount: "41.00", currency_code: "EUR" };
    });
    expect(parsed.ok && parsed.value.lines[0]!.unitPriceMinor).toBe(4500);
    expect(parsed.ok && [parsed.value.presentmentCurrency, parsed.value.presentmentTotalMinor]).toEqual(["EUR", 8810]);
  });

  it("falls back to the plain field when a *_set is absent", () => {
    const parsed = parseOrder((p) => {
      delete p.line_items[1].price_set;
      p.line_items[1].price = "19.99";
    });
    expect(parsed.ok && parsed.value.lines[1]!.unitPriceMinor).toBe(1999);
  });

  it("names the field a merchant would have to look at when an amount is malformed", () => {
    expect(parseOrder((p) => (p.line_items[1].price_set.shop_money.amount = "22,50"))).toEqual({
      ok: false,
      reason: "line_items[1].price_set.shop_money.amount is not a decimal amount",
    });
    expect(parseOrder((p) => delete p.line_items)).toEqual({ ok: false, reason: "line_items is missing" });
    expect(parseOrder((p) => (p.created_at = "yesterday"))).toEqual({
      ok: false,
      reason: "created_at is not a date and time",
    });
    expect(parseOrder((p) => (p.currency = "XYZ"))).toMatchObject({ ok: true }); // shop_money says USD
    expect(parseShopifyOrder("not an order")).toEqual({ ok: false, reason: "The order payload is not a JSON object." });
  });

  it("tolerates nulls, absent optional fields and unknown extra fields", () => {
    const parsed = parseOrder((p) => {
      p.customer = null;
      p.note_attributes = null;
      p.discount_codes = [{ code: "  summer15 " }];
      p.total_tip_received = null;
      p.some_future_field = { nested: true };
      delete p.subtotal_price_set;
      delete p.subtotal_price;
      delete p.refunds;
      p.line_items[0].product_id = null; // a custom line item
    });
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        customer: { id: null, email: null, ordersCount: null },
        noteAttributes: {},
        discountCodes: ["SUMMER15"],
        tipMinor: 0,
        subtotalMinor: 7650, // assumed fully allocated to lines
        refunds: [],
        lines: [{ productId: null }, { productId: "7002" }],
      },
    });
  });

  it("reads JPY amounts with no decimals even when Shopify writes 1000.00", () => {
    const jpy = (amount: string) => ({ shop_money: { amount, currency_code: "JPY" } });
    const payload = {
      id: 1,
      created_at: "2026-10-03T14:21:09+09:00",
      currency: "JPY",
      total_price_set: jpy("4500.00"),
      line_items: [{ id: 2, product_id: 3, quantity: 1, price_set: jpy("4500.00") }],
    };
    const parsed = parseShopifyOrder(payload);
    expect(parsed).toMatchObject({ ok: true, value: { currency: "JPY", totalMinor: 4500, subtotalMinor: 4500 } });
    expect(parsed.ok && parsed.value.lines[0]!.unitPriceMinor).toBe(4500);
    payload.line_items[0]!.price_set = jpy("4500.50");
    expect(parseShopifyOrder(payload)).toEqual({
      ok: false,
      reason: "line_items[0].price_set.shop_money.amount has more decimals than JPY allows",
    });
  });

  it("reads the refunds an orders/updated payload carries", () => {
    const parsed = parseOrder((p) => {
      p.refunds = [{ ...copyOf(refundPayload), order_id: undefined }];
    });
    expect(parsed.ok && parsed.value.refunds).toEqual([
      {
        refundId: "937262170206",
        orderId: "5880473436254",
        createdAt: "2026-10-10T09:02:44-04:00",
        lines: [{ lineId: "5000000000002", quantity: 1, subtotalMinor: 1913, taxMinor: 0 }],
        shippingMinor: 0,
      },
    ]);
  });
});

describe("reading a Shopify refund", () => {
  it("reads the refunds/create fixture", () => {
    expect(parseShopifyRefund(copyOf(refundPayload))).toEqual({
      ok: true,
      value: {
        refundId: "937262170206",
        orderId: "5880473436254",
        createdAt: "2026-10-10T09:02:44-04:00",
        lines: [{ lineId: "5000000000002", quantity: 1, subtotalMinor: 1913, taxMinor: 0 }],
        shippingMinor: 0,
      },
    });
  });

  it("takes refunded shipping from shipping_refund order adjustments, as a positive amount", () => {
    const payload = copyOf(refundPayload) as LoosePayload;
    payload.order_adjustments = [
      { kind: "shipping_refund", amount: "-7.95", amount_set: { shop_money: { amount: "-7.95", currency_code: "USD" } } },
      { kind: "refund_discrepancy", amount: "-1.00", amount_set: { shop_money: { amount: "-1.00", currency_code: "USD" } } },
    ];
    const parsed = parseShopifyRefund(payload);
    expect(parsed.ok && parsed.value.shippingMinor).toBe(795);
  });

  it("says which field is wrong", () => {
    const payload = copyOf(refundPayload) as LoosePayload;
    payload.refund_line_items[0].subtotal_set.shop_money.amount = "abc";
    expect(parseShopifyRefund(payload)).toEqual({
      ok: false,
      reason: "refund_line_items[0].subtotal_set.shop_money.amount is not a decimal amount",
    });
    delete payload.order_id;
    payload.refund_line_items = [];
    expect(parseShopifyRefund(payload)).toEqual({ ok: false, reason: "order_id is missing" });
  });
});
