import { describe, expect, it } from "vitest";
import { orderPayload, refundPayload } from "../../tests/support/shopify-payloads";
import { applyOrderVersion, applyRefund, EMPTY_ORDER_AGGREGATE } from "../domain/commission/order-aggregate";
import { parseShopifyOrder, parseShopifyRefund, type NormalizedRefund } from "../domain/commission/shopify-order";
import { orderBatchPositions, type PositionedDelivery } from "./order-batch-positions";

const AT = "2026-10-19T12:00:00Z";
const parsedOrder = parseShopifyOrder(
  orderPayload({ orderId: 501, createdAt: AT, updatedAt: AT, lines: [{ lineId: 5010, productId: 1, quantity: 2, unitPriceMinor: 4000 }] }),
);
const parsed = (amountMinor: number, id = 1) =>
  parseShopifyRefund(
    refundPayload({
      refundId: 50100 + id,
      orderId: 501,
      createdAt: AT,
      lines: [{ lineId: 5010, quantity: 1, subtotalMinor: amountMinor }],
    }),
  );
if (!parsedOrder.ok) throw new Error("fixture order does not parse");
const order = parsedOrder.value;
const refund = (amountMinor: number, id = 1): NormalizedRefund => {
  const result = parsed(amountMinor, id);
  if (!result.ok) throw new Error("fixture refund does not parse");
  return result.value;
};
const version = (position: number): PositionedDelivery => ({ position, kind: "version", topic: "orders/create", order });
const refunded = (position: number, amountMinor = 4000, id = 1): PositionedDelivery => ({
  position,
  kind: "refund",
  refund: refund(amountMinor, id),
});
const storedOrder = applyOrderVersion(EMPTY_ORDER_AGGREGATE, "orders/create", order).aggregate;

describe("orderBatchPositions", () => {
  it("a new order arrives with its first version and is refunded where its refund was received", () => {
    expect(orderBatchPositions(EMPTY_ORDER_AGGREGATE, false, [version(3), refunded(7)])).toEqual({ arrivedAt: 3, refundedAt: 7 });
  });

  it("a refund received before its order (parked) counts from the order's arrival", () => {
    expect(orderBatchPositions(EMPTY_ORDER_AGGREGATE, false, [refunded(2), version(5)])).toEqual({ arrivedAt: 5, refundedAt: 5 });
    const parkedBefore = applyRefund(EMPTY_ORDER_AGGREGATE, refund(4000)).aggregate;
    expect(orderBatchPositions(parkedBefore, false, [version(4)])).toEqual({ arrivedAt: 4, refundedAt: 4 });
  });

  it("a refund of nothing does not make the order refunded; the next one does", () => {
    expect(orderBatchPositions(EMPTY_ORDER_AGGREGATE, false, [version(1), refunded(2, 0), refunded(6, 4000, 2)])).toEqual({
      arrivedAt: 1,
      refundedAt: 6,
    });
  });

  it("a stored order is there from its first delivery of the batch; a repeated refund (null) changes nothing", () => {
    expect(orderBatchPositions(storedOrder, true, [{ position: 0, kind: "refund", refund: null }])).toEqual({
      arrivedAt: 0,
      refundedAt: null,
    });
    expect(orderBatchPositions(storedOrder, true, [refunded(8)])).toEqual({ arrivedAt: 8, refundedAt: 8 });
  });

  it("refunds alone do not bring a new order in (it is parked)", () => {
    expect(orderBatchPositions(EMPTY_ORDER_AGGREGATE, false, [refunded(1)])).toBeNull();
  });
});
