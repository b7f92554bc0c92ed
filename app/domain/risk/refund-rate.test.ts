import { describe, expect, it } from "vitest";
import { refundRateMayFlag, refundRateSignal } from "./refund-rate";

describe("refundRateSignal", () => {
  it.each([
    ["too few orders to judge", 9, 9, 1000, 50, null],
    ["far above the shop", 10, 4, 1000, 50, 45],
    ["half refunded", 20, 10, 1000, 50, 60],
    ["three times but under 20 points", 100, 15, 1000, 50, null],
    ["20 points but not three times", 10, 5, 1000, 400, null],
    ["shop without orders", 10, 10, 0, 0, null],
    ["no refunds", 50, 0, 1000, 0, null],
  ])("%s", (_, creatorOrders, creatorRefundedOrders, shopOrders, shopRefundedOrders, score) => {
    expect(refundRateSignal({ creatorOrders, creatorRefundedOrders, shopOrders, shopRefundedOrders })?.score ?? null).toBe(score);
  });
});

describe("refundRateMayFlag", () => {
  it.each([
    ["9 orders, all refunded", 9, 9, false],
    ["10 orders, 2 refunded: 20 points above a shop without refunds", 10, 2, true],
    ["10 orders, 1 refunded", 10, 1, false],
  ])("%s", (_, orders, refunded, expected) => {
    expect(refundRateMayFlag(orders, refunded)).toBe(expected);
  });

  it("never skips a creator the signal would flag", () => {
    for (let orders = 0; orders <= 40; orders++)
      for (let refunded = 0; refunded <= orders; refunded++)
        for (const [shopOrders, shopRefunded] of [
          [100, 0],
          [100, 1],
          [50, 5],
          [orders, 0],
        ] as const) {
          const signal = refundRateSignal({
            creatorOrders: orders,
            creatorRefundedOrders: refunded,
            shopOrders,
            shopRefundedOrders: shopRefunded,
          });
          if (signal) expect(refundRateMayFlag(orders, refunded)).toBe(true);
        }
  });
});
