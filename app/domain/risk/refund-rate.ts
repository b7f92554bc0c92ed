// A creator's refund rate far above the shop's: at least 10 orders, and a rate both three times the
// shop's and 20 points above it (so a shop with almost no refunds does not flag every first refund).
// Orders of the last 90 days, this one included; refunded: a refund with an amount received before
// this order's commission was earned (the drain batch's own orders and refunds count by position).
import type { RiskSignal } from "./risk-signal";

export interface RefundRateInput {
  /** The creator's orders in the window, this one included. */
  creatorOrders: number;
  creatorRefundedOrders: number;
  shopOrders: number;
  shopRefundedOrders: number;
}

export const REFUND_RATE_MIN_ORDERS = 10;
/** The creator's rate must be at least this many points above the shop's. */
const REFUND_RATE_MIN_GAP = 0.2;

/** Whether the creator's own counts could flag at all, whatever the shop's rate (else the shop's rate need not be read). */
export function refundRateMayFlag(creatorOrders: number, creatorRefundedOrders: number): boolean {
  return creatorOrders >= REFUND_RATE_MIN_ORDERS && creatorRefundedOrders / creatorOrders >= REFUND_RATE_MIN_GAP;
}

export function refundRateSignal(input: RefundRateInput): RiskSignal | null {
  if (input.creatorOrders < REFUND_RATE_MIN_ORDERS || input.shopOrders <= 0) return null;
  const creatorRate = input.creatorRefundedOrders / input.creatorOrders;
  const shopRate = input.shopRefundedOrders / input.shopOrders;
  if (creatorRate < shopRate * 3 || creatorRate - shopRate < REFUND_RATE_MIN_GAP) return null;
  const percent = (rate: number) => `${Math.round(rate * 100)} %`;
  return {
    code: "refund_rate",
    score: creatorRate >= 0.5 ? 60 : 45,
    sentence: `${percent(creatorRate)} of this creator's orders were refunded, against ${percent(shopRate)} for the shop.`,
  };
}
