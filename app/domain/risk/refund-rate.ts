// A creator's refund rate far above the shop's: at least 10 orders, and a rate both three times the
// shop's and 20 points above it (so a shop with almost no refunds does not flag every first refund).
import type { RiskSignal } from "./risk-signal";

export interface RefundRateInput {
  creatorOrders: number;
  creatorRefundedOrders: number;
  shopOrders: number;
  shopRefundedOrders: number;
}

export const REFUND_RATE_MIN_ORDERS = 10;

export function refundRateSignal(input: RefundRateInput): RiskSignal | null {
  if (input.creatorOrders < REFUND_RATE_MIN_ORDERS || input.shopOrders <= 0) return null;
  const creatorRate = input.creatorRefundedOrders / input.creatorOrders;
  const shopRate = input.shopRefundedOrders / input.shopOrders;
  if (creatorRate < shopRate * 3 || creatorRate - shopRate < 0.2) return null;
  const percent = (rate: number) => `${Math.round(rate * 100)} %`;
  return {
    code: "refund_rate",
    score: creatorRate >= 0.5 ? 60 : 45,
    sentence: `${percent(creatorRate)} of this creator's orders were refunded, against ${percent(shopRate)} for the shop.`,
  };
}
