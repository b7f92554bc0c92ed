// What an order's refunds returned so far (lines' subtotals and shipping, each refund once): the
// order row's `refundedMinor`, and what makes an order count as refunded in the refund-rate rule.
import { uniqueRefunds } from "./eligible-amount";
import type { NormalizedOrder, NormalizedRefund } from "./shopify-order";

export function orderRefundedMinor(order: NormalizedOrder, refunds: readonly NormalizedRefund[]): number {
  return uniqueRefunds(order, refunds).reduce((sum, r) => sum + r.lines.reduce((s, l) => s + l.subtotalMinor, 0) + r.shippingMinor, 0);
}
