import { describe, expect, it } from "vitest";
import { refundRateSignal } from "./refund-rate";

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
